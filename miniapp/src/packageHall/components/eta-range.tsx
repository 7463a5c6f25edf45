import { Text, View } from '@tarojs/components';
import type { EtaRange } from '../lib/hall-view';
import { minutesText } from '../lib/hall-format';

/** Where the two marks sit on the bar (percent of its width); the bar reaches a bit past "at worst". */
export function etaMarks(eta: EtaRange): { typicalPct: number; worstPct: number } {
  const worst = Math.max(eta.worstMin, eta.typicalMin);
  const scale = Math.max(worst * 1.15, 10);
  return { typicalPct: Math.round((eta.typicalMin / scale) * 100), worstPct: Math.round((worst / scale) * 100) };
}

/**
 * The wait as a range, not a promise: a solid bar up to the typical wait and a lighter one up to
 * the wait at worst, with both said in words.
 */
export function EtaRangeView({ eta }: { eta: EtaRange | null }) {
  if (!eta) {
    return (
      <Text id="eta-unknown" className="muted">
        正在估算等候时间…
      </Text>
    );
  }
  const { typicalPct, worstPct } = etaMarks(eta);
  const soon = eta.worstMin <= 1;
  return (
    <View id="eta-range" className="eta" data-typical={eta.typicalMin} data-worst={eta.worstMin}>
      <Text id="eta-words" className="eta-words">
        {soon ? '马上就到您了' : `大约还要等 ${minutesText(eta.typicalMin)}，最多 ${minutesText(Math.max(eta.worstMin, eta.typicalMin))}`}
      </Text>
      <View className="eta-track">
        <View className="eta-worst" style={{ width: `${worstPct}%` }} />
        <View className="eta-typical" style={{ width: `${typicalPct}%` }} />
      </View>
      <View className="eta-legend">
        <Text className="eta-legend-item">
          <Text className="eta-dot eta-dot--typical" />
          一般
        </Text>
        <Text className="eta-legend-item">
          <Text className="eta-dot eta-dot--worst" />
          最久
        </Text>
      </View>
    </View>
  );
}
