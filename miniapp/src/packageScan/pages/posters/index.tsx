import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FormField } from '../../../components/form-field';
import { PageShell } from '../../../components/page-shell';
import { pages, withQuery } from '../../../constants/pages';
import { useOnShow } from '../../../hooks/use-on-show';
import { useStore } from '../../../hooks/use-store';
import { EntryPlaceId, type PlaceKind } from '../../../scan-entry/entry-contract';
import { sessionStore } from '../../../store/session';
import { usePharmacies } from './use-pharmacies';
import './index.scss';

function openPoster(kind: PlaceKind, id: string): void {
  void Taro.navigateTo({ url: withQuery(pages.scanPoster, { kind, id }) });
}

function HallPosterForm() {
  const [hallId, setHallId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const parsed = EntryPlaceId.safeParse(hallId.trim());
    if (!parsed.success) return setError('请输入大厅编号（字母、数字、-或_）');
    setError(null);
    openPoster('hall', parsed.data);
  };
  return (
    <View id="hall-poster-form" className="card">
      <Text className="card-title">办事大厅海报</Text>
      <FormField id="hall-poster-id" label="大厅编号" error={error}>
        <Input id="hall-poster-id" className="form-input" value={hallId} placeholder="例如 hall-001" maxlength={36} onInput={(e) => setHallId(e.detail.value)} />
      </FormField>
      <Button id="hall-poster-open" className="secondary-button hall-poster-open" onClick={submit}>
        生成大厅海报
      </Button>
    </View>
  );
}

/** The administrator's list of printable posters: one per pharmacy, and one per hall by its number. */
export default function PostersPage() {
  const session = useStore(sessionStore);
  const pharmacies = usePharmacies();
  const isAdmin = (session.user?.roles ?? []).some((g) => g.role === 'admin');
  useOnShow(() => {
    if (isAdmin) void pharmacies.reload();
  });
  if (session.user && !isAdmin) {
    return (
      <PageShell id="page-scan-posters" className="page--padded">
        <Text id="role-required" className="form-error list-note">
          仅管理员可使用此功能
        </Text>
      </PageShell>
    );
  }
  return (
    <PageShell id="page-scan-posters" className="page--padded">
      <View className="card">
        <Text className="card-title">药店海报</Text>
        <Text className="muted">每家药店一张A4海报，贴在柜台：群众扫码即可预约本店口罩</Text>
        {pharmacies.error ? <Text className="form-error list-note">{pharmacies.error}</Text> : null}
        {pharmacies.loaded && pharmacies.items.length === 0 && !pharmacies.error ? <Text className="list-note">还没有药店</Text> : null}
        {pharmacies.items.map((p) => (
          <View key={p.id} id={`poster-item-${p.id}`} className="poster-item" onClick={() => openPoster('pharmacy', p.id)}>
            <View className="poster-item-text">
              <Text className="poster-item-name">{p.name}</Text>
              <Text className="poster-item-address">{p.address}</Text>
            </View>
            <Text id={`poster-open-${p.id}`} className="poster-item-link">
              海报 ›
            </Text>
          </View>
        ))}
      </View>
      <HallPosterForm />
    </PageShell>
  );
}
