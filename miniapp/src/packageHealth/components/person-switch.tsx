import { Text, View } from '@tarojs/components';
import type { FamilyMember as FamilyPerson } from '@govpass/shared-types';
import { classNames } from '../../utils/class-names';

interface PersonSwitchProps {
  family: readonly FamilyPerson[];
  /** undefined: oneself. */
  selected: string | undefined;
  onSelect: (personId: string | undefined) => void;
}

/** 代亮码: show a family member's code (a grandchild shows grandma's at the market). */
export function PersonSwitch({ family, selected, onSelect }: PersonSwitchProps) {
  if (family.length === 0) return null;
  return (
    <View id="person-switch" className="person-switch">
      <Text id="person-self" className={classNames('chip', selected === undefined && 'chip--selected')} onClick={() => onSelect(undefined)}>
        本人
      </Text>
      {family.map((p) => (
        <Text
          key={p.personId}
          id={`person-${p.personId}`}
          className={classNames('chip', selected === p.personId && 'chip--selected')}
          onClick={() => onSelect(p.personId)}
        >
          {p.name}
        </Text>
      ))}
    </View>
  );
}
