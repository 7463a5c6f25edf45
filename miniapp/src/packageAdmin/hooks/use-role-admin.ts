import { useState } from 'react';
import type { RoleName } from '@govpass/shared-types';
import { adminApi } from '../../api/admin-api';
import type { RoleGrantRow } from '../../api/admin-contract';
import { userMessage } from '../../api/error-messages';
import { useServerPage } from './use-server-page';

export type OperatorRole = Exclude<RoleName, 'citizen'>;
/** Roles tied to one place (a pharmacy, a venue, a hall): the API refuses them without a scope. */
export const SCOPED_ROLES: readonly OperatorRole[] = ['pharmacist', 'venue_manager', 'window_staff', 'health_official', 'hall_manager'];

export interface GrantDraft {
  accountId: string;
  role: OperatorRole;
  scopeId: string;
}

/** `who`: the masked label of an account chosen from 查找账号 (李** · 尾号 123X · …), shown instead of its id. */
export type PendingChange = { kind: 'grant' | 'revoke'; accountId: string; role: OperatorRole; scopeId: string | null; who?: string };

export function grantProblem(d: GrantDraft): string | null {
  if (!d.accountId.trim()) return '请填写账号编号';
  if (SCOPED_ROLES.includes(d.role) && !d.scopeId.trim()) return '这个角色要填写所属场所编号（药店、场所或大厅）';
  return null;
}

/** Grants listed a page at a time; granting and revoking are asked once more before they are sent. */
export function useRoleAdmin() {
  const list = useServerPage((f: { accountId: string }, page) => adminApi.call('listRoleGrants', { query: { page, pageSize: 10, accountId: f.accountId || undefined } }), { accountId: '' });
  const [draft, setDraft] = useState<GrantDraft>({ accountId: '', role: 'pharmacist', scopeId: '' });
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<{ accountId: string; who: string } | null>(null);

  const askGrant = () => {
    const problem = grantProblem(draft);
    setError(problem);
    setDone(null);
    const accountId = draft.accountId.trim();
    const who = chosen?.accountId === accountId ? chosen.who : undefined;
    if (!problem) setPending({ kind: 'grant', accountId, role: draft.role, scopeId: SCOPED_ROLES.includes(draft.role) ? draft.scopeId.trim() : null, who });
  };

  const askRevoke = (g: RoleGrantRow) => {
    setError(null);
    setDone(null);
    if (g.role !== 'citizen') setPending({ kind: 'revoke', accountId: g.accountId, role: g.role, scopeId: g.scopeId });
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const body = { accountId: pending.accountId, role: pending.role, scopeId: pending.scopeId };
      await adminApi.call(pending.kind === 'grant' ? 'grantRole' : 'revokeRole', { body });
      setDone(pending.kind === 'grant' ? '已授权' : '已撤销');
      setPending(null);
      await list.reload();
    } catch (e) {
      setError(userMessage(e));
      setPending(null);
    } finally {
      setBusy(false);
    }
  };

  /** An account chosen from the search: fills the form and names it (masked) in the question. */
  const choose = (accountId: string, who: string) => {
    setChosen({ accountId, who });
    setDraft((d) => ({ ...d, accountId }));
  };

  return { list, draft, set: (patch: Partial<GrantDraft>) => setDraft((d) => ({ ...d, ...patch })), choose, pending, askGrant, askRevoke, confirm, cancel: () => setPending(null), error, done, busy };
}
