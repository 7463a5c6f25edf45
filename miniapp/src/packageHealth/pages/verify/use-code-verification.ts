import { useCallback, useRef, useState } from 'react';
import { codeApi } from '../../../api/code-api';
import { LookupByIdNumberRequest } from '../../../api/code-contract';
import { isApiError } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import { verifyOffline, type OfflineOutcome } from '../../../lib/personal-code';
import { verifierCache } from '../../../lib/personal-code/app-verifier';
import { platform } from '../../../platform/platform';
import { serverRefusalMessage, type OnlineAnswer, type Verification } from '../../lib/verify-display';

/**
 * The door: verify a scanned or typed code offline first (the result shows at once, network or
 * not), then ask the BFF for the current colour and the masked name; or look a person up by ID
 * number (无码通行).
 */
export function useCodeVerification(now: () => number = Date.now) {
  const [result, setResult] = useState<Verification | null>(null);
  const [busy, setBusy] = useState(false);
  const [idNumberError, setIdNumberError] = useState<string | null>(null);
  const attempt = useRef(0);

  const prepare = useCallback(() => verifierCache.refresh(), []);

  const askServer = async (code: string): Promise<OnlineAnswer> => {
    try {
      return { status: 'accepted', response: await codeApi.call('verifyCode', { body: { code } }) };
    } catch (e) {
      if (isApiError(e) && (e.code === 'NETWORK_ERROR' || e.status >= 500 || e.status === 0)) return { status: 'unreachable' };
      const code = isApiError(e) ? e.code : 'UNKNOWN';
      return { status: 'refused', code, message: serverRefusalMessage(code, userMessage(e)) };
    }
  };

  const verifyText = async (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    const mine = ++attempt.current;
    const offline = verifyOffline(text, verifierCache.state().material, now());
    if (!offline.valid && offline.reason === 'MALFORMED') {
      setResult({ source: 'code', offline, online: { status: 'refused', code: 'MALFORMED', message: offline.message } });
      return;
    }
    // The offline verdict shows at once; the BFF (and, for a key this phone has not seen yet, a
    // fresh key set) may take a while on a weak network.
    setResult({ source: 'code', offline, online: { status: 'pending' } });
    const [online, recheck] = await Promise.all([askServer(text), recheckWithNewKeys(text, offline)]);
    if (mine === attempt.current) setResult({ source: 'code', offline: recheck, online });
  };

  /** An unknown key (rotation, or a first start without network): refetch the set once and verify again. */
  const recheckWithNewKeys = async (text: string, offline: OfflineOutcome): Promise<OfflineOutcome> => {
    if (offline.valid || offline.reason !== 'UNKNOWN_KEY') return offline;
    await verifierCache.refresh(true);
    return verifyOffline(text, verifierCache.state().material, now());
  };

  const lookupIdNumber = async (raw: string): Promise<boolean> => {
    const checked = LookupByIdNumberRequest.shape.idNumber.safeParse(raw);
    if (!checked.success) {
      setIdNumberError(checked.error.issues[0]?.message ?? '身份证号有误');
      return false;
    }
    setIdNumberError(null);
    setBusy(true);
    const mine = ++attempt.current;
    try {
      const response = await codeApi.call('lookupByIdNumber', { body: { idNumber: checked.data } });
      if (mine === attempt.current) setResult({ source: 'idNumber', response });
      return true;
    } catch (e) {
      setIdNumberError(userMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** The camera scanner; false when there is none or the scan was abandoned (typed entry then). */
  const scan = async (): Promise<boolean> => {
    const text = await platform.scanCode();
    if (text) await verifyText(text);
    return text !== null;
  };

  return {
    result,
    busy,
    idNumberError,
    clearIdNumberError: () => setIdNumberError(null),
    prepare,
    verifyText,
    lookupIdNumber,
    scan,
    next: () => {
      attempt.current += 1;
      setResult(null);
    },
  };
}
