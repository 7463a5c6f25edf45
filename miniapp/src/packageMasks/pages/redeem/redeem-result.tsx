import { Button, Text, View } from '@tarojs/components';
import { classNames } from '../../../utils/class-names';
import type { RedemptionOutcome } from '../../lib/redemption-outcome';

interface RedeemResultProps {
  outcome: RedemptionOutcome;
  onNext: () => void;
}

/** Full-width result the pharmacist can read from a distance: a large ✓ or ✕, then the facts. */
export function RedeemResult({ outcome, onNext }: RedeemResultProps) {
  const ok = outcome.kind === 'success';
  return (
    <View
      id="redeem-result"
      className={classNames('card redeem-result', ok ? 'redeem-result--success' : 'redeem-result--failure')}
      data-outcome={outcome.kind}
      data-code={outcome.kind === 'failure' ? (outcome.code ?? '') : ''}
    >
      <View className="redeem-icon">
        <Text className="redeem-icon-glyph">{ok ? '✓' : '✕'}</Text>
      </View>
      <Text id="redeem-result-title" className="redeem-result-title">
        {ok ? '核销成功' : '核销失败'}
      </Text>
      {outcome.kind === 'success' ? (
        <View className="redeem-facts">
          <Text id="redeem-holder" className="redeem-fact">
            持码人：{outcome.holderName}
          </Text>
          {outcome.personName !== outcome.holderName ? (
            <Text id="redeem-person" className="redeem-fact">
              领取对象：{outcome.personName}
            </Text>
          ) : null}
          <Text id="redeem-quantity" className="redeem-fact redeem-quantity">
            发放口罩 {outcome.quantity} 个
          </Text>
        </View>
      ) : (
        <View className="redeem-facts">
          <Text id="redeem-reason" className="redeem-reason">
            {outcome.reason}
          </Text>
          {outcome.hint ? (
            <Text id="redeem-hint" className="redeem-hint">
              {outcome.hint}
            </Text>
          ) : null}
        </View>
      )}
      <Button id="redeem-next" className="primary-button redeem-next" onClick={onNext}>
        继续核销
      </Button>
    </View>
  );
}
