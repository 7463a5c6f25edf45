import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import { useServerPage } from './use-server-page';

export interface AuditFilters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: AuditFilters = { actor: '', action: '', from: '', to: '' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function auditFilterProblem(f: AuditFilters): string | null {
  if ((f.from && !DATE.test(f.from)) || (f.to && !DATE.test(f.to))) return '日期请按 2026-12-05 的格式填写';
  if (f.from && f.to && f.from > f.to) return '开始日期不能晚于结束日期';
  return null;
}

/** The audit log a page at a time; filters are edited, then applied together (back to page 1). */
export function useAuditLog(pageSize = 15) {
  const log = useServerPage(
    (f: AuditFilters, page) =>
      adminApi.call('auditLog', { query: { page, pageSize, actor: f.actor || undefined, action: f.action || undefined, from: f.from || undefined, to: f.to || undefined } }),
    EMPTY,
  );
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (next: AuditFilters = draft) => {
    const trimmed = { actor: next.actor.trim(), action: next.action.trim(), from: next.from.trim(), to: next.to.trim() };
    const p = auditFilterProblem(trimmed);
    setProblem(p);
    if (!p) log.apply(trimmed);
  };
  return { log, draft, set: (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch })), apply, problem };
}
