import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { userMessage } from '../../../api/error-messages';
import { PageShell } from '../../../components/page-shell';
import { ChipChoice } from '../../components/chip-choice';
import { FollowUpCard } from '../../components/follow-up-card';
import { NoManagedHall } from '../../components/manager-gate';
import { ManagerNav } from '../../components/manager-nav';
import { hallManagerGateway } from '../../gateway';
import { useLoaded } from '../../hooks/use-loaded';
import { useManagedHall } from '../../hooks/use-managed-hall';
import type { FollowUpFilter } from '../../lib/hall-manager-gateway';
import './index.scss';

const FILTERS: { value: FollowUpFilter; label: string }[] = [
  { value: 'open', label: '待回访' },
  { value: 'closed', label: '已处理' },
  { value: 'all', label: '全部' },
];

/** 好差评跟进: every 差评 opens a follow-up with a deadline; missed ones are red; closing needs a note. */
export default function FollowUpsPage() {
  const { hallId, hallName, signedIn } = useManagedHall();
  const [filter, setFilter] = useState<FollowUpFilter>('open');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useLoaded(() => (hallId ? hallManagerGateway().followUps(hallId, filter) : Promise.resolve([])));
  const { reload } = list;
  // Also when the session arrives after the first paint (H5 login), which names the hall.
  useEffect(() => {
    void reload();
  }, [hallId, filter, reload]);

  if (signedIn && !hallId) return <NoManagedHall id="page-hall-follow-ups" />;

  const close = async (id: string, note: string): Promise<boolean> => {
    if (!hallId) return false;
    setBusy(true);
    setError(null);
    try {
      await hallManagerGateway().closeFollowUp(hallId, id, note);
      void Taro.showToast({ title: '已标记处理', icon: 'none' });
      await list.reload();
      return true;
    } catch (e) {
      setError(userMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const items = list.data ?? [];
  const overdue = items.filter((f) => f.overdue && f.status === 'open').length;

  return (
    <PageShell id="page-hall-follow-ups">
      <ManagerNav current="follow-ups" hallId={hallId ?? ''} hallName={hallName} />
      <View className="card">
        <Text className="muted">群众给了“不满意”或“非常不满意”，需在期限内回访处理。</Text>
        <ChipChoice id="follow-ups-filter" options={FILTERS} selected={[filter]} onToggle={setFilter} />
        {filter === 'open' && overdue > 0 ? (
          <Text id="follow-ups-overdue" className="form-error console-gap">
            有 {overdue} 条已超过回访期限，请尽快处理
          </Text>
        ) : null}
      </View>
      {error ? <Text className="form-error console-error">{error}</Text> : null}
      {list.error ? <Text className="form-error console-error">{list.error.message}</Text> : null}
      {!list.loading && items.length === 0 && !list.error ? (
        <View id="follow-ups-empty" className="card">
          <Text className="muted">{filter === 'open' ? '没有待回访的差评' : '暂无记录'}</Text>
        </View>
      ) : null}
      {items.map((f) => (
        <FollowUpCard key={f.id} item={f} busy={busy} onClose={(note) => close(f.id, note)} />
      ))}
    </PageShell>
  );
}
