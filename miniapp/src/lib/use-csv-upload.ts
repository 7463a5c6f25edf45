import { useState } from 'react';
import { importFailure, type ImportFailure } from './import-failure';
import { platform } from '../platform/platform';

interface UploadHooks {
  /** Says how a refused import's row messages read (the pharmacy import's are English). */
  describe?: (message: string) => string;
  onStart?: () => void;
  onFailed?: () => void;
}

/**
 * (Subpackage code: it lives in lib/, out of the main package.)
 * A CSV import's state, pasted or chosen from a file: all rows or none are imported; bad rows come
 * back by line. `submit(send)` sends the text once at a time and keeps the answer or the failure.
 */
export function useCsvUpload<R>(hooks: UploadHooks = {}) {
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<R | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const choose = async () => {
    const text = await platform.pickTextFile();
    if (text !== null) setCsv(text);
  };

  /** Resolves with the answer, or null when there was nothing to send, a send was running, or it failed. */
  const submit = async (send: (csv: string) => Promise<R>): Promise<R | null> => {
    if (!csv.trim() || busy) return null;
    setBusy(true);
    setDone(null);
    setFailure(null);
    hooks.onStart?.();
    try {
      const result = await send(csv);
      setDone(result);
      return result;
    } catch (e) {
      hooks.onFailed?.();
      setFailure(importFailure(e, hooks.describe));
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { csv, setCsv, busy, done, failure, choose, submit };
}
