import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import { UpdateRoundRequest, type MaskRound } from '../../api/admin-contract';
import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { chinaDateTime, toChinaInstant } from '../lib/format';
import { useSteps } from './use-steps';

export const EDIT_STEPS = ['保存修改', '完成'] as const;

export interface RoundEditDraft {
  name: string;
  opensAt: string;
  closesAt: string;
  pickupDate: string;
  quantityPerPerson: string;
  repeatDays: string;
  mode: 'first_come' | 'lottery';
}

/** The form as the round is now (times in China time, as the create form takes them). */
export function draftOf(r: MaskRound): RoundEditDraft {
  return {
    name: r.name,
    opensAt: chinaDateTime(Date.parse(r.opensAt)),
    closesAt: chinaDateTime(Date.parse(r.closesAt)),
    pickupDate: r.pickupDate,
    quantityPerPerson: String(r.quantityPerPerson),
    repeatDays: String(r.repeatDays),
    mode: r.mode,
  };
}

/** Only after opening can nothing be changed; a cancelled round not at all. */
export function isEditable(r: MaskRound): boolean {
  return r.status === 'upcoming' && !r.cancelledAt;
}

export const NOT_EDITABLE_TEXT = '这一轮已经开始预约（或已结束、已取消），不能再修改。如需停止预约，请用“提前结束”或“取消本轮”。';

/**
 * The PATCH body: only what differs from the round, checked with the API's own schema. A string
 * is a problem to show instead.
 */
export function editBody(round: MaskRound, d: RoundEditDraft): UpdateRoundRequest | string {
  const before = draftOf(round);
  if (!d.name.trim()) return '请填写轮次名称';
  const opensAt = toChinaInstant(d.opensAt);
  const closesAt = toChinaInstant(d.closesAt);
  if (!opensAt || !closesAt) return '开始和结束时间请按 2026-12-06 08:00 的格式填写';
  if (Date.parse(closesAt) <= Date.parse(opensAt)) return '结束时间须晚于开始时间';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.pickupDate.trim())) return '取货日期请按 2026-12-07 的格式填写';
  const changed = <K extends keyof RoundEditDraft>(k: K) => d[k].trim() !== before[k];
  const candidate = {
    name: changed('name') ? d.name.trim() : undefined,
    opensAt: changed('opensAt') ? opensAt : undefined,
    closesAt: changed('closesAt') ? closesAt : undefined,
    pickupDate: changed('pickupDate') ? d.pickupDate.trim() : undefined,
    quantityPerPerson: changed('quantityPerPerson') ? Number(d.quantityPerPerson) : undefined,
    repeatDays: changed('repeatDays') ? Number(d.repeatDays) : undefined,
    mode: d.mode !== before.mode ? d.mode : undefined,
  };
  if (Object.values(candidate).every((v) => v === undefined)) return '没有改动：请先修改要变更的内容';
  const parsed = UpdateRoundRequest.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  if (field === 'quantityPerPerson') return '每份只数请填 1 到 100 之间的整数';
  if (field === 'repeatDays') return '间隔天数请填 0 到 365 之间的整数';
  return parsed.error.issues[0]?.message ?? '填写的信息有误，请检查后重试';
}

/** 修改轮次 before it opens: prefilled from the round, only the changes sent, shown as steps. */
export function useRoundEdit(onSaved: (round: MaskRound) => void) {
  const [round, setRound] = useState<MaskRound | null>(null);
  const [draft, setDraft] = useState<RoundEditDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const steps = useSteps(EDIT_STEPS);

  const save = async () => {
    if (!round || !draft || busy) return;
    const body = editBody(round, draft);
    if (typeof body === 'string') return setError(body);
    setError(null);
    setBusy(true);
    steps.start();
    try {
      const answer = await adminApi.call('adminUpdateRound', { params: { id: round.id }, body });
      steps.finish();
      setSaved(`“${answer.round.name}”已保存修改。`);
      setRound(null);
      setDraft(null);
      onSaved(answer.round);
    } catch (e) {
      steps.fail();
      setError(isApiError(e) && e.code === 'ROUND_NOT_EDITABLE' ? NOT_EDITABLE_TEXT : userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    round,
    draft,
    start: (r: MaskRound) => {
      setRound(r);
      setDraft(draftOf(r));
      setError(isEditable(r) ? null : NOT_EDITABLE_TEXT);
      setSaved(null);
      steps.reset();
    },
    close: () => {
      setRound(null);
      setDraft(null);
      setError(null);
    },
    set: <K extends keyof RoundEditDraft>(k: K, v: RoundEditDraft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d)),
    editable: round ? isEditable(round) : false,
    error,
    saved,
    busy,
    progress: steps.progress,
    save,
  };
}
