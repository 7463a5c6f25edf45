import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import type { DrawResponse } from '../../api/admin-contract';
import { userMessage } from '../../api/error-messages';
import { useSteps } from './use-steps';

export const DRAW_STEPS = ['确认', '公布种子并抽签', '更新可领数量', '完成'] as const;

/** Drawing a closed lottery round: asked once more, then shown step by step with its outcome. */
export function useRoundDraw(onDrawn: () => void) {
  const [asking, setAsking] = useState<string | null>(null);
  const [result, setResult] = useState<DrawResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const steps = useSteps(DRAW_STEPS);

  const draw = async () => {
    if (!asking || busy) return;
    const id = asking;
    setBusy(true);
    setError(null);
    setResult(null);
    steps.start();
    steps.next();
    try {
      const answer = await adminApi.call('adminDrawLottery', { params: { id }, body: {} });
      steps.next();
      setResult(answer);
      steps.finish();
      onDrawn();
    } catch (e) {
      steps.fail();
      setError(userMessage(e));
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  return {
    asking,
    ask: (roundId: string) => {
      steps.reset();
      setResult(null);
      setError(null);
      setAsking(roundId);
    },
    cancel: () => setAsking(null),
    draw,
    busy,
    result,
    error,
    progress: steps.progress,
  };
}
