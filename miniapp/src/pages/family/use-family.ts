import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { isApiError, type ApiErrorCode } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { familyApi } from '../../api/family-api';
import { FAMILY_MEMBER_LIMIT, type FamilyMember } from '../../api/family-contract';
import { relationLabels } from '../../constants/relation-labels';

/** 家人管理: the list (names and ID numbers come masked), its limit, and removal. */
export function useFamily() {
  const [members, setMembers] = useState<FamilyMember[]>([]);
  const [limit, setLimit] = useState(FAMILY_MEMBER_LIMIT);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<{ code: ApiErrorCode | null; message: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const res = await familyApi.list();
      setMembers(res.items);
      setLimit(res.limit);
      setError(null);
    } catch (e) {
      setError({ code: isApiError(e) ? e.code : null, message: userMessage(e) });
    } finally {
      setLoaded(true);
    }
  }, []);

  const added = (member: FamilyMember) => setMembers((list) => [...list.filter((m) => m.id !== member.id), member]);

  const remove = async (m: FamilyMember) => {
    if (removing) return;
    const answer = await Taro.showModal({
      title: '删除家人',
      content: `确定删除${m.name}（${relationLabels[m.relation] ?? m.relation}）吗？已办理的事项不受影响。`,
      confirmText: '删除',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setRemoving(m.id);
    try {
      await familyApi.remove(m.id);
      setMembers((list) => list.filter((x) => x.id !== m.id));
      void Taro.showToast({ title: '已删除', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: userMessage(e), icon: 'none' });
    } finally {
      setRemoving(null);
    }
  };

  return { members, limit, loaded, error, removing, reload, added, remove, full: members.length >= limit };
}
