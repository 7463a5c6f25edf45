import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import type { RoundActionResponse } from '../../api/admin-contract';
import { userMessage } from '../../api/error-messages';

export type RoundAction = 'close' | 'cancel';

export const ROUND_ACTION_LABELS: Readonly<Record<RoundAction, string>> = { close: '提前结束', cancel: '取消本轮' };

/**
 * Closing a round early or cancelling it: asked once more with a reason (the holders are told it
 * and the audit log keeps it), then the outcome in one sentence.
 */
export function useRoundAction(onDone: () => void) {
  const [asking, setAsking] = useState<{ roundId: string; action: RoundAction } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  const confirm = async () => {
    if (!asking || busy) return;
    setBusy(true);
    setError(null);
    try {
      const route = asking.action === 'close' ? 'adminCloseRound' : 'adminCancelRound';
      const answer = await adminApi.call(route, { params: { id: asking.roundId }, body: { reason } });
      setOutcome(outcomeText(asking.action, answer));
      setAsking(null);
      setReason('');
      onDone();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    asking,
    ask: (roundId: string, action: RoundAction) => {
      setAsking({ roundId, action });
      setReason('');
      setError(null);
      setOutcome(null);
    },
    cancel: () => setAsking(null),
    reason,
    setReason,
    confirm,
    busy,
    error,
    outcome,
  };
}

function outcomeText(action: RoundAction, a: RoundActionResponse): string {
  if (a.alreadyDone) return `“${a.round.name}”已经${action === 'close' ? '结束' : '取消'}过了，没有再改动。`;
  if (action === 'close') return `“${a.round.name}”已提前结束，已通知 ${a.notified} 人；已有的预约照常领取。`;
  return `“${a.round.name}”已取消：${a.reservationsCancelled} 份预约和 ${a.applicationsCancelled} 份抽签申请已取消，口罩转入下一轮，已通知 ${a.notified} 人。`;
}
