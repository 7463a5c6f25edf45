import type { LedgerResponse } from '@govpass/shared-types';
import { slicePage, type PageWindow } from '../admin/admin-page';
import type { LedgerResult } from './ledger';

/**
 * The ledger check runs over every round (the carry rule links rounds), so it is computed whole
 * and its rows cut to the page asked for. Rows a violation names come first, so page 1 always
 * shows what is wrong; violations and notes are answered whole.
 */
export function pagedLedger(result: LedgerResult, window: PageWindow | null): LedgerResponse {
  const flagged = (r: LedgerResult['rows'][number]) =>
    result.violations.some((v) => v.roundId === r.roundId && (v.pharmacyId === null || v.pharmacyId === r.pharmacyId));
  const ordered = [...result.rows.filter(flagged), ...result.rows.filter((r) => !flagged(r))];
  const { items, ...page } = slicePage(ordered, window);
  return { rows: items, violations: result.violations, notes: result.notes, ...page };
}
