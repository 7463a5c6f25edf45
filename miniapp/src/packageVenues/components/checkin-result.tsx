import { Button, Text, View } from '@tarojs/components';
import { clockText, dayText, timeOfDay } from '../lib/clock-text';
import type { Colour } from '../lib/colour-guidance';
import { PersonResultBlock } from './person-result-block';

export interface CheckedInPerson {
  personId: string;
  maskedName: string;
  colour: Colour;
  reasons?: readonly string[];
  advice?: string | null;
}

interface CheckinResultProps {
  venueName: string;
  checkedInAt: string;
  people: readonly CheckedInPerson[];
  /** The live clock (ms): seconds tick, so a screenshot shows a stale time. */
  now: number;
  /** An earlier check-in here within 30 minutes was reused (not counted twice). */
  repeated?: boolean;
  onDone: () => void;
}

/** 登记成功: what the person shows the guard at the door. */
export function CheckinResult({ venueName, checkedInAt, people, now, repeated, onDone }: CheckinResultProps) {
  return (
    <View id="checkin-result" className="checkin-result">
      <View className="result-head">
        <Text className="result-ok">✓ 登记成功</Text>
        <Text id="checkin-venue-name" className="result-venue">
          {venueName}
        </Text>
        <View className="result-clock-row">
          <Text className="result-day">{dayText(now)}</Text>
          <Text id="checkin-clock" className="result-clock">
            {clockText(now)}
          </Text>
        </View>
        <Text id="checkin-time" className="result-time">
          登记时间 {timeOfDay(checkedInAt)}
          {repeated ? '（30分钟内已登记过）' : ''}
        </Text>
      </View>
      {people.map((p, i) => (
        <PersonResultBlock key={p.personId} index={i} maskedName={p.maskedName} colour={p.colour} reasons={p.reasons} advice={p.advice} />
      ))}
      <View className="result-actions">
        <Button id="checkin-done" className="secondary-button" onClick={onDone}>
          完成
        </Button>
      </View>
    </View>
  );
}
