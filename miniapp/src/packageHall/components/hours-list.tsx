import { Text, View } from '@tarojs/components';
import type { OpeningHours } from '../lib/hall-view';
import { chinaWeekday, hoursLines } from '../lib/hall-format';
import { classNames } from '../../utils/class-names';

/** 办公时间, consecutive days with the same hours on one line; today's line stands out. */
export function HoursList({ hours, now }: { hours: readonly OpeningHours[]; now: number }) {
  const today = chinaWeekday(now);
  return (
    <View id="hall-hours" className="hours">
      {hoursLines(hours).map((line) => (
        <View key={line.days} className={classNames('hours-line', line.weekdays.includes(today) && 'hours-line--today')}>
          <Text className="hours-days">{line.days}</Text>
          <Text className="hours-time">{line.time}</Text>
        </View>
      ))}
    </View>
  );
}
