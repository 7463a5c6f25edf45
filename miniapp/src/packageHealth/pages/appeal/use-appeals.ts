import { useCallback, useState } from 'react';
import { healthApi } from '../../../api/health-api';
import { AppealText, type Appeal } from '../../../api/health-contract';
import { userMessage } from '../../../api/error-messages';

/** 申诉: file one for oneself or a family member; the list of one's (and the family's) appeals. */
export function useAppeals(personId: string | undefined) {
  const [items, setItems] = useState<Appeal[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setItems((await healthApi.call('myAppeals')).items);
      setLoadError(null);
    } catch (e) {
      setLoadError(userMessage(e));
    }
  }, []);

  const file = async (reason: string): Promise<boolean> => {
    const checked = AppealText.safeParse(reason);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请填写申诉理由');
      return false;
    }
    setError(null);
    setBusy(true);
    try {
      const { appeal } = await healthApi.call('fileAppeal', { body: { personId, reason: checked.data } });
      setItems((list) => [appeal, ...list.filter((a) => a.id !== appeal.id)]);
      return true;
    } catch (e) {
      setError(userMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { items, loadError, error, busy, reload, file };
}
