import { Text, View } from '@tarojs/components';
import type { HealthColour } from '../../api/code-contract';
import { classNames } from '../../utils/class-names';
import { clockText } from '../lib/code-refresh';
import { colourAdvice, colourLabels } from '../lib/health-labels';
import { CodeQr } from './code-qr';

interface ColourCodeCardProps {
  maskedName: string;
  colour: HealthColour;
  code: string;
  now: number;
  /** The code on screen has expired (refresh failed): greyed out so nobody accepts it. */
  stale: boolean;
}

/**
 * The code as the door sees it: the colour as a big block with the QR on it, the masked name, a
 * clock ticking in seconds and a running border (跑马灯) — a screenshot stands still, a live code does not.
 */
export function ColourCodeCard({ maskedName, colour, code, now, stale }: ColourCodeCardProps) {
  return (
    <View
      id="health-code-card"
      className={classNames('code-card', `code-card--${colour}`, stale && 'code-card--stale')}
      data-colour={colour}
    >
      <View className="code-marquee" />
      <View className="code-card-inner">
        <Text id="health-code-name" className="code-name">
          {maskedName}
        </Text>
        <Text id="health-code-clock" className="code-clock">
          {clockText(now)}
        </Text>
        <View className="code-qr-frame">
          <CodeQr id="health-code-qr" code={code} />
        </View>
        <Text id="health-code-colour" className="code-colour-label">
          {stale ? '码已过期，正在刷新' : colourLabels[colour]}
        </Text>
        <Text className="code-advice">{colourAdvice[colour]}</Text>
      </View>
    </View>
  );
}
