import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';

interface CheckRowProps {
  id: string;
  label: string;
  checked: boolean;
  onToggle: () => void;
}

/** A whole-row checkbox: the row is the touch target, not a tiny box. */
export function CheckRow({ id, label, checked, onToggle }: CheckRowProps) {
  return (
    <View id={id} className="check-row" data-checked={checked ? 'true' : 'false'} onClick={onToggle}>
      <View className={classNames('check-box', checked && 'check-box--on')}>
        <Text>{checked ? '✓' : ''}</Text>
      </View>
      <Text>{label}</Text>
    </View>
  );
}
