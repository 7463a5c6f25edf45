import { Button, Text, View } from '@tarojs/components';
import type { EligibilityResponse } from '../../../api/mask-contract';
import type { EligibilityNotice } from '../../lib/eligibility-notice';
import { formatDistance } from '../../lib/mask-format';
import { stockLabel } from '../../lib/stock-label';

interface EligibilityCardProps {
  notice: EligibilityNotice;
  answer: EligibilityResponse;
  onVerify: () => void;
  onReservations: () => void;
  onNearby: (pharmacy: EligibilityResponse['nearby'][number]) => void;
}

/** Why 确认预约 cannot be tapped, shown before it, with the next step as a button or a list. */
export function EligibilityCard({ notice, answer, onVerify, onReservations, onNearby }: EligibilityCardProps) {
  return (
    <View id="confirm-eligibility" className="card eligibility-card" data-reason={answer.reason ?? ''}>
      <Text id="confirm-eligibility-message" className="eligibility-message">
        {notice.message}
      </Text>
      {notice.action === 'identity' ? (
        <Button id="eligibility-go-identity" className="primary-button eligibility-action" onClick={onVerify}>
          去实名认证
        </Button>
      ) : null}
      {notice.action === 'reservations' ? (
        <Button id="eligibility-go-reservations" className="secondary-button eligibility-action" onClick={onReservations}>
          查看我的预约
        </Button>
      ) : null}
      {notice.action === 'nearby' ? (
        <View id="eligibility-nearby" className="eligibility-nearby">
          {answer.nearby.map((p) => (
            <View key={p.id} id={`nearby-${p.id}`} className="nearby-item" onClick={() => onNearby(p)}>
              <View className="nearby-text">
                <Text className="nearby-name">{p.name}</Text>
                <Text className="nearby-meta">
                  {`距这里 ${formatDistance(p.distanceM) ?? ''} · ${stockLabel(p.remaining, answer.unitsPerBooking)}`}
                </Text>
              </View>
              <Text className="nearby-go">去预约 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
