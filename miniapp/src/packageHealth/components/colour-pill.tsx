import { Text } from '@tarojs/components';
import type { HealthColour } from '../../api/code-contract';
import { colourLabels } from '../lib/health-labels';

export function ColourPill({ id, colour }: { id?: string; colour: HealthColour }) {
  return (
    <Text id={id} className={`pill pill--${colour}`} data-colour={colour}>
      {colourLabels[colour]}
    </Text>
  );
}
