import { Button, Text, View } from '@tarojs/components';
import { flagAttribute } from '../../utils/flag-attribute';

interface ConfirmPanelProps {
  id: string;
  question: string;
  detail?: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks once more before an action that changes who may do what (or draws a lottery). */
export function ConfirmPanel({ id, question, detail, confirmLabel, danger, busy, onConfirm, onCancel }: ConfirmPanelProps) {
  return (
    <View id={id} className="adm-confirm">
      <Text className="adm-confirm-question">{question}</Text>
      {detail ? <Text className="muted">{detail}</Text> : null}
      <View className="adm-actions">
        <Button id={`${id}-cancel`} className="secondary-button adm-button" onClick={onCancel}>
          取消
        </Button>
        <Button id={`${id}-ok`} className={danger ? 'primary-button adm-button adm-button--danger' : 'primary-button adm-button'} loading={flagAttribute(busy ?? false)} disabled={flagAttribute(busy ?? false)} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </View>
    </View>
  );
}
