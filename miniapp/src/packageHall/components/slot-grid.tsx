import { Text, View } from '@tarojs/components';
import type { Slot } from '../lib/hall-view';
import { slotLabel } from '../lib/hall-format';
import { classNames } from '../../utils/class-names';

interface SlotGridProps {
  slots: readonly Slot[];
  selected: string | null;
  onSelect: (slot: Slot) => void;
}

/** 选择时段: each slot with the places left; a full one can still be chosen to join its waitlist. */
export function SlotGrid({ slots, selected, onSelect }: SlotGridProps) {
  return (
    <View id="slot-grid" className="slot-grid">
      {slots.map((s) => {
        const full = s.remaining <= 0;
        return (
          <View
            key={s.id}
            id={`slot-${s.id.replace(/[^A-Za-z0-9_-]/g, '')}`}
            className={classNames('slot', full && 'slot--full', selected === s.id && 'slot--selected')}
            data-remaining={s.remaining}
            onClick={() => onSelect(s)}
          >
            <Text className="slot-time">{slotLabel(s.start, s.end)}</Text>
            <Text className="slot-left">{full ? '已约满 可候补' : `余 ${s.remaining} 个`}</Text>
          </View>
        );
      })}
    </View>
  );
}
