import { Text, View } from '@tarojs/components';
import type { MaskRound } from '../../../api/admin-contract';
import { ConfirmPanel } from '../../components/confirm-panel';
import { TextField } from '../../components/text-field';
import type { useRoundAction } from '../../hooks/use-round-action';

interface RoundActionPanelProps {
  round: MaskRound;
  label: string;
  action: ReturnType<typeof useRoundAction>;
}

/** The reason first (holders read it in their notice), then asked once more. */
export function RoundActionPanel({ round, label, action }: RoundActionPanelProps) {
  const cancelling = action.asking?.action === 'cancel';
  return (
    <View id="round-action">
      <TextField id="round-action-reason" label="原因（会告诉已预约的居民）" value={action.reason} placeholder="例如：到货延迟，改期发放" onChange={action.setReason} />
      {action.error ? <Text className="form-error">{action.error}</Text> : null}
      <ConfirmPanel
        id="round-action-confirm"
        question={`确定${label}“${round.name}”吗？`}
        detail={cancelling ? '未领取的预约都会取消，口罩转入下一轮，并通知预约的居民。' : '结束后不能再预约；已有的预约照常领取。'}
        confirmLabel={label}
        danger={cancelling}
        busy={action.busy}
        onConfirm={() => void action.confirm()}
        onCancel={action.cancel}
      />
    </View>
  );
}
