import { useCallback, useRef, useState } from 'react';
import { codeApi } from '../../../api/code-api';
import { LookupByIdNumberRequest } from '../../../api/code-contract';
import { isApiError } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import { verifyOffline } from '../../../lib/personal-code';
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
    let offline = verifyOffline(text, verifierCache.state().material, now());
    if (!offline.valid && offline.reason === 'UNKNOWN_KEY') {
      // A key this phone has not seen yet (rotation, or a first start without network): refetch once.
      await verifierCache.refresh(true);
      offline = verifyOffline(text, verifierCache.state().material, now());
    }
    if (mine !== attempt.current) return;
    const pending: OnlineAnswer = offline.valid || offline.reason !== 'MALFORMED' ? { status: 'pending' } : { status: 'refused', code: 'MALFORMED', message: offline.message };
    setResult({ source: 'code', offline, online: pending });
    if (pending.status !== 'pending') return;
    const online = await askServer(text);
    if (mine === attempt.current) setResult({ source: 'code', offline, online });
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
