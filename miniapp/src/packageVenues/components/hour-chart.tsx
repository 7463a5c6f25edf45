import { Text, View } from '@tarojs/components';
import type { HourBar } from '../lib/hourly-bars';

interface HourChartProps {
  bars: readonly HourBar[];
}

/** Check-ins by hour as 24 plain bars (no canvas: the same on every platform), hours 0/6/12/18 labelled. */
export function HourChart({ bars }: HourChartProps) {
  return (
    <View id="counts-chart" className="hour-chart">
      <View className="hour-bars">
        {bars.map((b) => (
          <View key={b.hour} id={`counts-hour-${b.hour}`} className="hour-slot" data-count={String(b.count)}>
            {b.count > 0 ? <Text className="hour-count">{b.count}</Text> : null}
            <View className="hour-bar" style={{ height: `${b.percent}%` }} />
          </View>
        ))}
      </View>
      <View className="hour-axis">
        {bars.map((b) => (
          <Text key={b.hour} className="hour-label">
            {b.hour % 6 === 0 ? `${b.hour}时` : ''}
          </Text>
        ))}
      </View>
    </View>
  );
}
