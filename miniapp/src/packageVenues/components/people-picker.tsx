import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';

export interface Pickable {
  /** null: oneself. */
  personId: string | null;
  label: string;
}

interface PeoplePickerProps {
  people: readonly Pickable[];
  /** Chosen person ids; null stands for oneself. */
  chosen: readonly (string | null)[];
  onToggle: (personId: string | null) => void;
}

const idOf = (personId: string | null) => `checkin-who-${personId ?? 'self'}`;

/** Who is coming in: oneself and family members (grandma with her grandson), each a whole-row tick box. */
export function PeoplePicker({ people, chosen, onToggle }: PeoplePickerProps) {
  return (
    <View id="checkin-people" className="people-picker">
      {people.map((p) => {
        const on = chosen.includes(p.personId);
        return (
          <View key={idOf(p.personId)} id={idOf(p.personId)} className="pick-row" data-checked={on ? 'true' : 'false'} onClick={() => onToggle(p.personId)}>
            <View className={classNames('pick-box', on && 'pick-box--on')}>
              <Text>{on ? '✓' : ''}</Text>
            </View>
            <Text className="pick-label">{p.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
