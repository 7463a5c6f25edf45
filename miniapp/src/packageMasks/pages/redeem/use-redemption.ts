import { useCallback, useState } from 'react';
import { maskApi } from '../../../api/mask-api';
import { userMessage } from '../../../api/error-messages';
import { looksLikeShortCode, normalizeShortCode, RedeemByIdNumberRequest, valueOfShortCode, type PharmacySummaryResponse } from '../../../api/mask-contract';
import { platform } from '../../../platform/platform';
import { failureOf, successOf, type RedemptionOutcome } from '../../lib/redemption-outcome';

/**
 * The counter: redeem a scanned (or typed) pickup code, or a person's reservation by ID number
 * (people without a phone); today's counts. `pharmacyId` is sent when the pharmacist works at
 * several pharmacies and has picked one.
 */
export function useRedemption(pharmacyId: string | undefined) {
  const [outcome, setOutcome] = useState<RedemptionOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<PharmacySummaryResponse | null>(null);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const [idNumberError, setIdNumberError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);

  const loadSummary = useCallback(async () => {
    try {
      setSummary(await maskApi.callMask('pharmacySummary', { query: { pharmacyId } }));
      setSummaryError(null);
    } catch (e) {
      setSummaryError(userMessage(e));
    }
  }, [pharmacyId]);

  const settle = async (attempt: () => Promise<RedemptionOutcome>) => {
    setBusy(true);
    try {
      setOutcome(await attempt());
    } finally {
      setBusy(false);
    }
    void loadSummary();
  };

  /** A scanned QR text or a typed one; digits are the short 取货码 (checked here first: a typo never counts as a wrong guess). */
  const redeemCode = async (raw: string): Promise<boolean> => {
    const text = raw.trim();
    if (!text || busy) return false;
    let body: { pickupCode: string } | { shortCode: string } = { pickupCode: text };
    if (looksLikeShortCode(text)) {
      const code = normalizeShortCode(text);
      const problem = code === null ? '取货码是10位数字，请核对' : valueOfShortCode(code) === null ? '取货码有一位输错了，请核对后重新输入' : null;
      setCodeError(problem);
      if (problem || code === null) return false;
      body = { shortCode: code };
    }
    setCodeError(null);
    await settle(() =>
      maskApi
        .callMask('redeem', { body: { ...body, pharmacyId } })
        .then(successOf)
        .catch(failureOf),
    );
    return true;
  };

  const redeemIdNumber = async (raw: string): Promise<boolean> => {
    const checked = RedeemByIdNumberRequest.shape.idNumber.safeParse(raw);
    if (!checked.success) {
      setIdNumberError(checked.error.issues[0]?.message ?? '身份证号有误');
      return false;
    }
    setIdNumberError(null);
    if (busy) return false;
    await settle(() =>
      maskApi
        .callMask('redeemByIdNumber', { body: { idNumber: checked.data, pharmacyId } })
        .then(successOf)
        .catch(failureOf),
    );
    return true;
  };

  /** The camera scanner; null (H5, or the pharmacist cancelled) leaves the typed entry to use. */
  const scan = async (): Promise<boolean> => {
    const text = await platform.scanCode();
    if (text) await redeemCode(text);
    return text !== null;
  };

  return {
    outcome,
    busy,
    summary,
    summaryError,
    idNumberError,
    codeError,
    clearCodeError: () => setCodeError(null),
    clearIdNumberError: () => setIdNumberError(null),
    loadSummary,
    redeemCode,
    redeemIdNumber,
    scan,
    next: () => setOutcome(null),
  };
}
