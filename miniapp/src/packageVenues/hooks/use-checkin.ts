import { useRef, useState } from 'react';
import { isApiError, type ApiErrorCode } from '../../api/api-error';
import { venueApi } from '../../api/venue-api';
import type { CheckinPerson, CheckinResponse } from '../../api/venue-contract';
import { platform } from '../../platform/platform';
import { checkinErrorMessage, NOT_A_VENUE_CODE } from '../lib/checkin-errors';
import { venueCodeFromText } from '../lib/venue-code-from-scan';

export interface CheckinOutcome {
  venue: CheckinResponse['venue'];
  items: CheckinPerson[];
  /** Server time minus phone time when the answer came: the live clock shows the server's time. */
  clockOffsetMs: number;
}

export interface CheckinError {
  code: ApiErrorCode | null;
  message: string;
}

/**
 * 扫场所码: the venue code (from the page's link, a scan or a paste) → who is coming in → one
 * durable check-in → the result the guard reads. Oneself goes without personIds (the contract's
 * "the caller only"); family members go by person id in a second request sent at the same time.
 */
export function useCheckin(initialCode: string | null) {
  const [code, setCode] = useState<string | null>(initialCode);
  const [entryError, setEntryError] = useState<string | null>(null);
  const [error, setError] = useState<CheckinError | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CheckinOutcome | null>(null);
  const sending = useRef(false);

  const enterText = (text: string | null) => {
    const found = venueCodeFromText(text);
    setEntryError(found ? null : NOT_A_VENUE_CODE);
    if (found) {
      setCode(found);
      setError(null);
    }
  };

  const scan = async () => {
    const text = await platform.scanCode();
    // A cancelled scan is no error: the page stays as it was.
    if (text !== null) enterText(text);
  };

  const submit = async (chosen: readonly (string | null)[]) => {
    if (!code || sending.current) return;
    if (chosen.length === 0) {
      setError({ code: null, message: '请至少选择一人' });
      return;
    }
    sending.current = true;
    setBusy(true);
    setError(null);
    const family = chosen.filter((p): p is string => p !== null);
    const calls: Promise<CheckinResponse>[] = [];
    if (chosen.includes(null)) calls.push(venueApi.call('checkin', { body: { venueCode: code } }));
    if (family.length > 0) calls.push(venueApi.call('checkin', { body: { venueCode: code, personIds: family } }));
    const settled = await Promise.allSettled(calls);
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) setError({ code: isApiError(failure.reason) ? failure.reason.code : null, message: checkinErrorMessage(failure.reason) });
    if (answers.length > 0) {
      const first = answers[0];
      setOutcome({
        venue: first.venue,
        items: answers.flatMap((a) => a.items),
        clockOffsetMs: Date.parse(first.serverTime) - Date.now() || 0,
      });
    }
    sending.current = false;
    setBusy(false);
  };

  const restart = () => {
    setCode(null);
    setOutcome(null);
    setError(null);
    setEntryError(null);
  };

  return { code, entryError, error, busy, outcome, scan, enterText, submit, restart };
}
