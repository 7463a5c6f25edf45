import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';

interface ChipChoiceProps<T extends string> {
  id: string;
  options: readonly { value: T; label: string; sub?: string; disabled?: boolean }[];
  selected: readonly T[];
  onToggle: (value: T) => void;
}

/** A row of chips; one or several may be selected (the caller decides what a tap does). */
export function ChipChoice<T extends string>({ id, options, selected, onToggle }: ChipChoiceProps<T>) {
  return (
    <View id={id} className="chip-row">
      {options.map((o) => (
        <View
          key={o.value}
          id={`${id}-${o.value}`}
          className={classNames('chip', selected.includes(o.value) && 'chip--selected', o.disabled && 'chip--disabled')}
          onClick={() => !o.disabled && onToggle(o.value)}
        >
          <Text>{o.label}</Text>
          {o.sub ? <Text className="chip-sub">{o.sub}</Text> : null}
        </View>
      ))}
    </View>
  );
}
