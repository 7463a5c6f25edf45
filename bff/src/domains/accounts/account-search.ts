import { Router } from '@koa/router';
import { sql, type Kysely } from 'kysely';
import type { Middleware } from 'koa';
import { accountSearchKind, adminRoutes, maskName, type AccountSearchResponse, type AccountSearchResult, type RoleGrant } from '@govpass/shared-types';
import { parseQuery } from '../../core/validate';
import type { Database } from '../../infra/db/database';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { AuditLog } from '../audit/audit-log';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from '../roles/role-service';
import { requireRole } from '../roles/require-role';

const MAX_RESULTS = 20;

export interface AccountSearchDeps {
  db: Kysely<Database>;
  cipher: PiiCipher;
  audit: AuditLog;
  roles: RoleService;
}

/**
 * 查找账号 for the role-grant form. Names are stored encrypted, so a person is found only by their
 * ID number through its keyed hash (never stored or logged in clear), an account by the start of
 * its login or its id. Every search is audited: who searched, how, how many were found; the ID
 * number itself is not written to the audit log.
 */
export async function searchAccounts(deps: AccountSearchDeps, actor: string, q: string, requestId: string | null): Promise<AccountSearchResponse> {
  const by = accountSearchKind(q);
  const base = deps.db
    .selectFrom('accounts as a')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.channel', 'a.created_at', 'p.name_cipher', 'p.id_cipher'])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .limit(MAX_RESULTS);
  const rows =
    by === 'id_number'
      ? await base.where('p.id_hash', '=', deps.cipher.hash('id', q.trim().toUpperCase())).execute()
      : await base.where((eb) => eb.or([eb('a.id', '=', q), sql<boolean>`a.channel_user_id like ${`${q.replace(/[!%_]/g, (c) => `!${c}`)}%`} escape '!'`])).execute();
  const items: AccountSearchResult[] = [];
  for (const r of rows) {
    const id = r.id_cipher ? deps.cipher.decrypt(r.id_cipher) : null;
    items.push({
      accountId: r.id,
      maskedName: r.name_cipher ? maskName(deps.cipher.decrypt(r.name_cipher)) : null,
      idLast4: id ? id.slice(-4) : null,
      platform: r.channel,
      createdAt: Number(r.created_at),
      roles: (await deps.roles.rolesOf(r.id)).filter((g: RoleGrant) => g.role !== 'citizen'),
    });
  }
  await deps.audit.record({
    actor,
    action: 'account.search',
    targetType: 'account',
    targetId: items.length === 1 ? items[0].accountId : '',
    requestId,
    details: by === 'id_number' ? { by, results: items.length } : { by, login: q, results: items.length },
  });
  return { by, items };
}

export function accountSearchRoutes(deps: AccountSearchDeps, authenticate: Middleware): Router {
  const router = new Router();
  router.get(adminRoutes.searchAccounts.path, authenticate, requireRole(deps.roles, 'admin'), async (ctx) => {
    const { q } = parseQuery(adminRoutes.searchAccounts.query, ctx.query);
    ctx.body = await searchAccounts(deps, (ctx.state.auth as AuthState).accountId, q, ctx.state.requestId ? String(ctx.state.requestId) : null);
  });
  return router;
}
