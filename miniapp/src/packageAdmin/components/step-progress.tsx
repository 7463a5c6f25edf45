import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';
import type { StepProgress as Progress } from '../hooks/use-steps';

/** A long operation's steps, each done / under way / waiting, and a bar of the finished share. */
export function StepProgress({ id, progress, note }: { id: string; progress: Progress; note?: string }) {
  return (
    <View id={id} className="adm-steps" data-state={progress.state} data-percent={progress.percent}>
      <View className="adm-steps-row">
        {progress.labels.map((label, i) => {
          const state = i < progress.current ? 'done' : i === progress.current ? progress.state : 'todo';
          return (
            <Text key={label} className={classNames('adm-step', `adm-step--${state}`)}>
              {state === 'done' ? '✓ ' : state === 'failed' ? '✕ ' : `${i + 1} `}
              {label}
            </Text>
          );
        })}
      </View>
      <View className="adm-progress">
        <View className={classNames('adm-progress-bar', progress.state === 'failed' && 'adm-progress-bar--failed')} style={{ width: `${progress.percent}%` }} />
      </View>
      {note ? <Text className="muted">{note}</Text> : null}
    </View>
  );
}
