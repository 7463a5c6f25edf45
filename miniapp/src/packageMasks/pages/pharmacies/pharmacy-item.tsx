import { Button, Text, View } from '@tarojs/components';
import type { MaskRound, PharmacyListItem } from '../../../api/mask-contract';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { bookingAvailability, formatDistance, stockLevel } from '../../lib/mask-format';
import { stockLabel } from '../../lib/stock-label';

interface PharmacyItemProps {
  pharmacy: PharmacyListItem;
  round: MaskRound | null;
  onBook: (pharmacy: PharmacyListItem) => void;
}

const BADGES = { low: '约满', soldOut: '已约满' } as const;

export function PharmacyItem({ pharmacy: p, round, onBook }: PharmacyItemProps) {
  const level = stockLevel(p);
  // In a lottery round the quota is the number of winners: nothing runs out while people apply.
  const lottery = round?.mode === 'lottery';
  const badge = !lottery && (level === 'low' || level === 'soldOut') ? level : null;
  const distance = formatDistance(p.distanceM);
  const booking = bookingAvailability(round, p);
  return (
    <View id={`pharmacy-${p.id}`} className={classNames('card pharmacy-item', `pharmacy-item--${level}`)} data-id={p.id}>
      <View className="pharmacy-head">
        <Text className="pharmacy-name">{p.name}</Text>
        {badge ? (
          <Text id={`pharmacy-${p.id}-badge`} className={classNames('pharmacy-badge', `pharmacy-badge--${badge}`)}>
            {BADGES[badge]}
          </Text>
        ) : null}
      </View>
      <Text className="pharmacy-address">{p.address}</Text>
      <View className="pharmacy-meta">
        {distance ? (
          <Text id={`pharmacy-${p.id}-distance`} className="pharmacy-distance">
            距您 {distance}
          </Text>
        ) : null}
        <Text className="pharmacy-hours">营业 {p.openingHours}</Text>
      </View>
      <View className="pharmacy-foot">
        <Text id={`pharmacy-${p.id}-stock`} className="pharmacy-stock">
          {level === 'notInRound' ? (
            '本轮未参与'
          ) : lottery ? (
            <>
              中签名额 <Text className="pharmacy-remaining">{p.quota}</Text>
            </>
          ) : (
            stockLabel(p.remaining, round?.quantityPerPerson)
          )}
        </Text>
        <Button
          id={`book-${p.id}`}
          className={classNames('primary-button pharmacy-book', !booking.enabled && 'button--disabled')}
          disabled={flagAttribute(!booking.enabled)}
          onClick={() => booking.enabled && onBook(p)}
        >
          {booking.label}
        </Button>
      </View>
    </View>
  );
}
