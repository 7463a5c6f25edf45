import type { LedgerResponse } from '../../api/admin-contract';

export type LedgerRow = LedgerResponse['rows'][number];
export type LedgerViolation = LedgerResponse['violations'][number];

export interface LedgerLine extends LedgerRow {
  key: string;
  /** The rule(s) this round × pharmacy breaks; empty when it adds up. */
  problems: LedgerViolation[];
}

export const RULE_LABELS: Readonly<Record<LedgerViolation['rule'], string>> = {
  supply: '配额+转入 ≠ 已预约+未约转出+剩余',
  outcomes: '已预约 ≠ 领取+过期+取消+待领',
  oversold: '超发',
  carry: '转入数量不符',
  row: '记录状态矛盾',
};

/** Each row with the violations that name it (a violation without a pharmacy names every row of its round). */
export function ledgerLines(ledger: Pick<LedgerResponse, 'rows' | 'violations' | 'notes'>): LedgerLine[] {
  return ledger.rows.map((r) => ({
    ...r,
    key: `${r.roundId}:${r.pharmacyId}`,
    problems: ledger.violations.filter((v) => v.roundId === r.roundId && (v.pharmacyId === null || v.pharmacyId === r.pharmacyId)),
  }));
}
