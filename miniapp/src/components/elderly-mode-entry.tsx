import { Text, View } from '@tarojs/components';
import { setElderlyMode } from '../store/elderly-mode';
import { classNames } from '../utils/class-names';
import './elderly-mode-entry.scss';

interface ElderlyModeEntryProps {
  on: boolean;
}

/**
 * The home page's 关怀模式 switch: one big, plainly labelled button at the top, so nobody has to
 * find it under 我的. Tapping it is the person's own choice and from then on beats the system font.
 */
export function ElderlyModeEntry({ on }: ElderlyModeEntryProps) {
  return (
    <View
      id="home-elderly-toggle"
      className={classNames('elderly-entry', on && 'elderly-entry--on')}
      role="switch"
      aria-checked={on}
      onClick={() => setElderlyMode(!on)}
    >
      <Text className="elderly-entry-glyph">{on ? '标' : '大'}</Text>
      <Text className="elderly-entry-label">{on ? '退出关怀模式' : '关怀模式 · 大字'}</Text>
    </View>
  );
}
