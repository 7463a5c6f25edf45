import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { flagAttribute } from '../../utils/flag-attribute';
import type { SlotSetting } from '../lib/hall-manager-gateway';
import { ChipChoice } from './chip-choice';

const LENGTHS = ['10', '15', '20', '30', '60'] as const;

/** One service's slot length (chips) and places per slot (a number), saved together or reset to the default. */
export function SlotSettingCard({ item, busy, onSave }: { item: SlotSetting; busy: boolean; onSave: (value: { slotMinutes: number | null; capacity: number | null }) => Promise<unknown> }) {
  const [minutes, setMinutes] = useState(String(item.effectiveSlotMinutes));
  const [capacity, setCapacity] = useState(String(item.effectiveCapacity));
  const places = Number(capacity);
  const valid = Number.isInteger(places) && places >= 1 && places <= 500;
  const lengths = LENGTHS.includes(minutes as (typeof LENGTHS)[number]) ? LENGTHS : [...LENGTHS, minutes];
  return (
    <View id={`slot-setting-${item.serviceId}`} className="card">
      <Text className="card-title">{item.serviceName}</Text>
      <Text className="muted">
        现在：每 {item.effectiveSlotMinutes} 分钟一个时段，每个时段 {item.effectiveCapacity} 人{item.slotMinutes === null && item.capacity === null ? '（默认）' : ''}
      </Text>
      <Text className="card-subtitle">每个时段多长</Text>
      <ChipChoice id={`slot-minutes-${item.serviceId}`} options={lengths.map((m) => ({ value: m, label: `${m}分钟` }))} selected={[minutes]} onToggle={setMinutes} />
      <View className="slot-setting-row">
        <Text>每个时段可约</Text>
        <Input id={`slot-capacity-${item.serviceId}`} className="hall-input" type="number" value={capacity} maxlength={3} onInput={(e) => setCapacity(e.detail.value)} />
        <Text>人</Text>
      </View>
      {!valid ? <Text className="form-error">请填 1 到 500 之间的整数</Text> : null}
      <View className="console-row console-gap">
        <Button id={`slot-save-${item.serviceId}`} className="primary-button console-half" disabled={flagAttribute(busy || !valid)} onClick={() => void onSave({ slotMinutes: Number(minutes), capacity: places })}>
          保存
        </Button>
        <Button id={`slot-reset-${item.serviceId}`} className="secondary-button console-half" disabled={flagAttribute(busy)} onClick={() => void onSave({ slotMinutes: null, capacity: null })}>
          恢复默认
        </Button>
      </View>
    </View>
  );
}
