import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';

export interface Bar {
  key: string;
  label: string;
  /** null: no figure (shown as 暂无数据, no bar). */
  value: number | null;
  /** The figure in words: 12分钟, 85%. */
  text: string;
  /** A bar to notice (e.g. satisfaction under 80 %). */
  warn?: boolean;
}

/**
 * Horizontal bars, longest = the largest value (or `max`), each with its label and figure in words,
 * so the comparison reads at a glance and the number is still there for the record.
 */
export function BarChart({ id, bars, max }: { id: string; bars: Bar[]; max?: number }) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value ?? 0));
  if (bars.length === 0) return <Text className="muted">暂无数据</Text>;
  return (
    <View id={id} className="bar-chart">
      {bars.map((b) => (
        <View key={b.key} id={`${id}-${b.key}`} className="bar-row">
          <Text className="bar-label">{b.label}</Text>
          <View className="bar-track">
            {b.value !== null && top > 0 ? <View className={classNames('bar-fill', b.warn && 'bar-fill--warn')} style={{ width: `${Math.max(2, Math.round((b.value / top) * 100))}%` }} /> : null}
          </View>
          <Text className={classNames('bar-value', b.warn && 'bar-value--warn')}>{b.value === null ? '暂无数据' : b.text}</Text>
        </View>
      ))}
    </View>
  );
}
