import { Text, View } from '@tarojs/components';

interface CountFiguresProps {
  today: number;
  now: number;
  nowWindowMinutes: number;
  busiestHour: number | null;
}

/** The three numbers a manager asks for: today, right now, and the busiest hour. */
export function CountFigures({ today, now, nowWindowMinutes, busiestHour }: CountFiguresProps) {
  return (
    <View className="counts-figures">
      <View className="counts-figure">
        <Text id="counts-today" className="counts-number">
          {today}
        </Text>
        <Text className="muted">今日到访（人次）</Text>
      </View>
      <View className="counts-figure">
        <Text id="counts-now" className="counts-number">
          {now}
        </Text>
        <Text className="muted">近{nowWindowMinutes}分钟</Text>
      </View>
      <View className="counts-figure">
        <Text id="counts-busiest" className="counts-number">
          {busiestHour === null ? '—' : `${busiestHour}时`}
        </Text>
        <Text className="muted">最忙时段</Text>
      </View>
    </View>
  );
}
