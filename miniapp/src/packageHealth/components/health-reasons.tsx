import { Text, View } from '@tarojs/components';
import type { HealthReason } from '../../api/code-contract';
import { formatDate } from '../../utils/china-time';

interface HealthReasonsProps {
  reasons: readonly HealthReason[];
  greenFrom: string | null;
}

/** 赋码原因 and 转码条件: why the code has its colour and what turns it green, in plain words. */
export function HealthReasons({ reasons, greenFrom }: HealthReasonsProps) {
  if (reasons.length === 0 && !greenFrom) return null;
  return (
    <View id="health-reasons" className="card">
      <Text className="card-title">赋码原因</Text>
      {reasons.map((r, i) => (
        <View key={`${r.rule}-${i}`} className="reason-item" data-rule={r.rule}>
          <Text className="reason-text">{r.text}</Text>
          {r.greenCondition ? <Text className="reason-condition">转码条件：{r.greenCondition}</Text> : null}
          {r.until ? <Text className="reason-until">{formatDate(r.until)}后不再适用</Text> : null}
        </View>
      ))}
      {greenFrom ? (
        <Text id="health-green-from" className="reason-green-from">
          预计转绿日期：{formatDate(greenFrom)}
        </Text>
      ) : null}
    </View>
  );
}
