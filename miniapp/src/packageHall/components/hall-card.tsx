import { Text, View } from '@tarojs/components';
import type { Hall } from '../lib/hall-view';
import { formatDistance, todayHours } from '../lib/hall-format';

interface HallCardProps {
  hall: Hall;
  now: number;
  onOpen: (hall: Hall) => void;
}

/** One hall in 附近的办事大厅: name, open or not, address, distance, how many wait now. */
export function HallCard({ hall, now, onOpen }: HallCardProps) {
  const distance = formatDistance(hall.distanceM);
  const waiting = hall.services.reduce<number | null>((sum, s) => (s.waiting === null ? sum : (sum ?? 0) + s.waiting), null);
  return (
    <View id={`hall-${hall.id}`} className="card hall-card" onClick={() => onOpen(hall)}>
      <View className="hall-head">
        <Text className="hall-name">{hall.name}</Text>
        {hall.openNow === null ? null : (
          <Text className={`status-pill status-pill--${hall.openNow ? 'green' : 'grey'}`}>{hall.openNow ? '办公中' : '已下班'}</Text>
        )}
      </View>
      <Text className="hall-address">{hall.address}</Text>
      <View className="hall-meta">
        {distance ? <Text className="hall-distance">距您 {distance}</Text> : null}
        <Text className="hall-hours-today">{todayHours(hall, now)}</Text>
      </View>
      <View className="hall-foot">
        <Text className="muted">{hall.services.length} 项业务</Text>
        {waiting !== null ? (
          <Text id={`hall-${hall.id}-waiting`} className="hall-waiting">
            正在排队 <Text className="hall-waiting-count">{waiting}</Text> 人
          </Text>
        ) : null}
        <Text className="hall-go">查看 ›</Text>
      </View>
    </View>
  );
}
