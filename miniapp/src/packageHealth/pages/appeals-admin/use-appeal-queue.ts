import { useCallback, useState } from 'react';
import { healthApi } from '../../../api/health-api';
import { DecideAppealRequest, type Appeal, type AppealStatus } from '../../../api/health-contract';
import { userMessage } from '../../../api/error-messages';

export type Decision = { outcome: 'upheld'; note: string } | { outcome: 'overridden'; note: string; colour: 'green' | 'yellow' | 'red'; until: string };

/** Officials' queue (oldest first, overdue flagged) and their decisions. */
export function useAppealQueue() {
  const [status, setStatus] = useState<AppealStatus>('open');
  const [items, setItems] = useState<Appeal[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reload = useCallback(async (which: AppealStatus = status) => {
    try {
      setItems((await healthApi.call('appealQueue', { query: { status: which } })).items);
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    }
  }, [status]);

  const show = (which: AppealStatus) => {
    setStatus(which);
    void reload(which);
  };

  /** @returns an error message for the form, or null when decided. */
  const decide = async (appeal: Appeal, decision: Decision): Promise<string | null> => {
    const checked = DecideAppealRequest.safeParse(decision);
    if (!checked.success) return checked.error.issues[0]?.message ?? '填写有误';
    setBusy(appeal.id);
    try {
      const { appeal: decided } = await healthApi.call('decideAppeal', { params: { id: appeal.id }, body: checked.data });
      setItems((list) => (status === 'open' ? list.filter((a) => a.id !== decided.id) : list.map((a) => (a.id === decided.id ? decided : a))));
      return null;
    } catch (e) {
      return userMessage(e);
    } finally {
      setBusy(null);
    }
  };

  return { status, items, error, busy, reload, show, decide };
}
