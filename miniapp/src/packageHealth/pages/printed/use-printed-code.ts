import { useState } from 'react';
import { codeApi } from '../../../api/code-api';
import type { PrintedCode } from '../../../api/code-contract';
import { userMessage } from '../../../api/error-messages';

/** 离线码: a long-lived card for someone without a smartphone; it proves identity, not colour. */
export function usePrintedCode(personId: string | undefined) {
  const [printed, setPrinted] = useState<PrintedCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    setBusy(true);
    try {
      setPrinted((await codeApi.call('issuePrintedCode', { body: { personId } })).printed);
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { printed, error, busy, issue };
}
