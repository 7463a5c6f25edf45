import { Button, Text, View } from '@tarojs/components';
import { personLabel } from '../../constants/relation-labels';
import { flagAttribute } from '../../utils/flag-attribute';

interface FamilyPersonRowProps {
  id: string;
  /** 本人, 父亲, 母亲, 子女 …: first, so a glance finds the right person. */
  relation: string;
  name: string;
  idLast4: string | null;
  dataId?: string;
  removing?: boolean;
  /** Absent for 本人 (one's own identity is not removed here). */
  onRemove?: () => void;
}

/** One person of the family card: relation, masked name and the ID number's last four. */
export function FamilyPersonRow({ id, relation, name, idLast4, dataId, removing = false, onRemove }: FamilyPersonRowProps) {
  return (
    <View id={id} className="family-item" data-id={dataId}>
      <View className="family-text">
        <Text id={`${id}-relation`} className="family-relation-tag">
          {relation}
        </Text>
        <Text id={`${id}-label`} className="family-name">
          {personLabel(name, idLast4)}
        </Text>
      </View>
      {onRemove ? (
        <Button id={`${id}-remove`} className="family-remove" loading={flagAttribute(removing)} disabled={flagAttribute(removing)} onClick={onRemove}>
          删除
        </Button>
      ) : null}
    </View>
  );
}
