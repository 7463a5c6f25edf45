import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import type { MaskRound } from '../../api/admin-contract';
import { userMessage } from '../../api/error-messages';
import { toChinaInstant } from '../lib/format';
import { useSteps } from './use-steps';

export const CREATE_STEPS = ['创建轮次', '设置各药店配额', '完成'] as const;

export interface RoundDraft {
  name: string;
  opensAt: string;
  closesAt: string;
  pickupDate: string;
  quantityPerPerson: string;
  mode: 'first_come' | 'lottery';
}

const EMPTY: RoundDraft = { name: '', opensAt: '', closesAt: '', pickupDate: '', quantityPerPerson: '5', mode: 'first_come' };

/** The quotas worth sending: whole numbers above zero, by pharmacy. */
export function quotaItems(quotas: Record<string, string>): { pharmacyId: string; quota: number }[] {
  return Object.entries(quotas)
    .map(([pharmacyId, v]) => ({ pharmacyId, quota: Number(v.trim()) }))
    .filter((i) => Number.isInteger(i.quota) && i.quota > 0);
}

export function roundDraftProblem(d: RoundDraft, quotaCount: number): string | null {
  if (!d.name.trim()) return '请填写轮次名称';
  if (!toChinaInstant(d.opensAt) || !toChinaInstant(d.closesAt)) return '开始和结束时间请按 2026-12-06 08:00 的格式填写';
  if (d.pickupDate.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(d.pickupDate.trim())) return '取货日期请按 2026-12-07 的格式填写';
  if (quotaCount === 0) return '请至少给一家药店填写配额';
  return null;
}

/** A new round and its quotas per pharmacy: two calls, shown as steps. */
export function useRoundForm(onCreated: (round: MaskRound) => void) {
  const [draft, setDraft] = useState<RoundDraft>(EMPTY);
  const [quotas, setQuotas] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const steps = useSteps(CREATE_STEPS);

  const submit = async () => {
    const items = quotaItems(quotas);
    const problem = roundDraftProblem(draft, items.length);
    if (problem) return setError(problem);
    setError(null);
    setBusy(true);
    steps.start();
    try {
      const body = {
        name: draft.name.trim(),
        opensAt: toChinaInstant(draft.opensAt) as string,
        closesAt: toChinaInstant(draft.closesAt) as string,
        pickupDate: draft.pickupDate.trim() || undefined,
        quantityPerPerson: Number(draft.quantityPerPerson) || undefined,
        mode: draft.mode,
      };
      const { round } = await adminApi.call('adminCreateRound', { body });
      steps.next();
      await adminApi.call('adminSetQuotas', { params: { id: round.id }, body: { items } });
      steps.finish();
      setDraft(EMPTY);
      setQuotas({});
      onCreated(round);
    } catch (e) {
      steps.fail();
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    draft,
    set: <K extends keyof RoundDraft>(k: K, v: RoundDraft[K]) => setDraft((d) => ({ ...d, [k]: v })),
    quotas,
    setQuota: (pharmacyId: string, v: string) => setQuotas((q) => ({ ...q, [pharmacyId]: v })),
    fillAll: (ids: readonly string[], v: string) => setQuotas((q) => ({ ...q, ...Object.fromEntries(ids.map((id) => [id, v])) })),
    error,
    busy,
    progress: steps.progress,
    submit,
  };
}
