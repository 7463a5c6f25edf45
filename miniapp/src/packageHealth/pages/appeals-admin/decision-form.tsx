import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { HealthColour } from '../../../api/code-contract';
import type { Appeal } from '../../../api/health-contract';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { colourLabels } from '../../lib/health-labels';
import type { Decision } from './use-appeal-queue';

const COLOURS: readonly HealthColour[] = ['green', 'yellow', 'red'];

interface DecisionFormProps {
  appeal: Appeal;
  busy: boolean;
  decide: (appeal: Appeal, decision: Decision) => Promise<string | null>;
}

/** Uphold with a note, or override the colour until a date (with a note). */
export function DecisionForm({ appeal, busy, decide }: DecisionFormProps) {
  const [note, setNote] = useState('');
  const [colour, setColour] = useState<HealthColour>('green');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `decide-${appeal.id}`;
  const run = async (decision: Decision) => setError(await decide(appeal, decision));

  return (
    <View id={id} className="health-gap">
      <Input id={`${id}-note`} className="health-input" value={note} placeholder="处理意见（至少5个字）" maxlength={500} onInput={(e) => setNote(e.detail.value)} />
      <View className="health-gap">
        {COLOURS.map((c) => (
          <Text key={c} id={`${id}-colour-${c}`} className={classNames('chip', colour === c && 'chip--selected')} onClick={() => setColour(c)}>
            {colourLabels[c]}
          </Text>
        ))}
      </View>
      <Input id={`${id}-until`} className="health-input" value={until} placeholder="改码有效至 2026-12-31" maxlength={10} onInput={(e) => setUntil(e.detail.value)} />
      {error ? (
        <Text id={`${id}-error`} className="form-error">
          {error}
        </Text>
      ) : null}
      <View className="row health-gap">
        <Button id={`${id}-uphold`} className="secondary-button health-link" disabled={flagAttribute(busy)} onClick={() => void run({ outcome: 'upheld', note })}>
          维持原码
        </Button>
        <Button
          id={`${id}-override`}
          className="primary-button health-link"
          disabled={flagAttribute(busy)}
          onClick={() => void run({ outcome: 'overridden', note, colour, until })}
        >
          改码
        </Button>
      </View>
    </View>
  );
}
