import { useState } from 'react';

export type StepState = 'todo' | 'doing' | 'done' | 'failed';

export interface StepProgress {
  labels: readonly string[];
  /** Index of the step under way (labels.length when all are done). */
  current: number;
  state: StepState;
  /** 0–100: finished steps over all steps. */
  percent: number;
}

/** A long operation shown as named steps (读取文件 → 检查 → 写入 → 完成): advance, finish or fail. */
export function useSteps(labels: readonly string[]) {
  const [current, setCurrent] = useState(-1);
  const [state, setState] = useState<StepState>('todo');
  const progress: StepProgress | null =
    current < 0 ? null : { labels, current, state, percent: Math.round((Math.min(current, labels.length) / labels.length) * 100) };
  return {
    progress,
    start: () => {
      setCurrent(0);
      setState('doing');
    },
    next: () => setCurrent((c) => c + 1),
    finish: () => {
      setCurrent(labels.length);
      setState('done');
    },
    fail: () => setState('failed'),
    reset: () => {
      setCurrent(-1);
      setState('todo');
    },
  };
}
