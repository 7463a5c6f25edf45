import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { userMessage } from '../../../api/error-messages';
import { PageShell } from '../../../components/page-shell';
import { NoManagedHall } from '../../components/manager-gate';
import { ManagerNav } from '../../components/manager-nav';
import { SlotSettingCard } from '../../components/slot-setting-card';
import { hallManagerGateway } from '../../gateway';
import { useLoaded } from '../../hooks/use-loaded';
import { useManagedHall } from '../../hooks/use-managed-hall';
import './index.scss';

/** 预约时段: per service, how long a slot is and how many people it takes (new slots follow at once). */
export default function SlotSettingsPage() {
  const { hallId, hallName, signedIn } = useManagedHall();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useLoaded(() => (hallId ? hallManagerGateway().slotSettings(hallId) : Promise.resolve([])));
  const { reload } = list;
  // Also when the session arrives after the first paint (H5 login), which names the hall.
  useEffect(() => {
    void reload();
  }, [hallId, reload]);

  if (signedIn && !hallId) return <NoManagedHall id="page-hall-slots" />;

  const save = async (serviceId: string, value: { slotMinutes: number | null; capacity: number | null }) => {
    if (!hallId) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await hallManagerGateway().setSlotSettings(hallId, serviceId, value);
      list.setData((items) => (items ?? []).map((s) => (s.serviceId === serviceId ? saved : s)));
      void Taro.showToast({ title: '已保存', icon: 'none' });
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell id="page-hall-slots">
      <ManagerNav current="slots" hallId={hallId ?? ''} hallName={hallName} />
      <View className="card">
        <Text className="muted">改动只影响之后的预约，已经约好的时间不变。</Text>
      </View>
      {error ? <Text className="form-error console-error">{error}</Text> : null}
      {list.error ? <Text className="form-error console-error">{list.error.message}</Text> : null}
      {(list.data ?? []).map((s) => (
        <SlotSettingCard key={`${s.serviceId}-${s.effectiveSlotMinutes}-${s.effectiveCapacity}`} item={s} busy={busy} onSave={(v) => save(s.serviceId, v)} />
      ))}
    </PageShell>
  );
}
