import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../bff/src/infra/db/create-database';
import type { Database } from '../../bff/src/infra/db/database';
import { runMigrations } from '../../bff/src/infra/db/run-migrations';
import { SessionListing } from '../../bff/src/domains/auth/session-listing';
import { SessionUseLog } from '../../bff/src/domains/auth/session-use-log';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-services';

let scratch: ScratchDatabase;
let mysql: DatabaseHandle;
let sqlite: DatabaseHandle;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  mysql = createDatabase({ mysqlUrl: scratch.url, sqlitePath: ':memory:', poolSize: 4 });
  await runMigrations(mysql.db);
  sqlite = createDatabase({ mysqlUrl: null, sqlitePath: ':memory:' });
  await runMigrations(sqlite.db);
});

afterAll(async () => {
  await mysql?.close();
  await sqlite?.close();
  await scratch?.drop();
});

async function listed(db: Kysely<Database>, n: number, lastUsedAt = 1_000): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  const listing = new SessionListing(db);
  for (const id of ids) {
    await listing.add({ id, accountId: 'acc-1', tokenHash: randomUUID().replace(/-/g, ''), channel: 'h5', createdAt: 500, lastUsedAt, expiresAt: 9_999_999_999_999, ipMasked: '10.0.0.*' });
  }
  return ids;
}

describe.each([
  ['MariaDB', () => mysql.db],
  ['SQLite (embedded)', () => sqlite.db],
])('session "last used" in batches on %s', (_name, db: () => Kysely<Database>) => {
  it('one batch writes every session its own time and address, across chunks, and makes no row for a revoked session', async () => {
    const ids = await listed(db(), 600);
    const listing = new SessionListing(db());
    const gone = randomUUID();
    const touches = [...ids.map((id, i) => ({ id, at: 2_000 + i, ipMasked: `203.0.${i % 250}.*` })), { id: gone, at: 5_000, ipMasked: '::1' }];
    await listing.touchMany(touches);
    const rows = await db().selectFrom('account_sessions').select(['id', 'last_used_at', 'ip_masked']).where('id', 'in', [...ids, gone]).execute();
    expect(rows).toHaveLength(600);
    const byId = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      expect(Number(byId.get(id)?.last_used_at)).toBe(2_000 + i);
      expect(byId.get(id)?.ip_masked).toBe(`203.0.${i % 250}.*`);
    });
  });

  it('leaves a row another process wrote later alone', async () => {
    const [newer, older] = await listed(db(), 2, 3_000);
    await new SessionListing(db()).touchMany([
      { id: newer, at: 2_500, ipMasked: '1.2.3.*' },
      { id: older, at: 3_500, ipMasked: '4.5.6.*' },
    ]);
    const rows = await db().selectFrom('account_sessions').select(['id', 'last_used_at', 'ip_masked']).where('id', 'in', [newer, older]).orderBy('last_used_at').execute();
    expect(rows.map((r) => [r.id, Number(r.last_used_at), r.ip_masked])).toEqual([
      [newer, 3_000, '10.0.0.*'],
      [older, 3_500, '4.5.6.*'],
    ]);
  });

  it('20,000 requests of 20,000 sessions within a second are one batch of statements, not 20,000', async () => {
    const ids = await listed(db(), 300);
    let statements = 0;
    const listing = new SessionListing(db());
    const counting = { touchMany: (t: Parameters<SessionListing['touchMany']>[0]) => ((statements += Math.ceil(t.length / 250)), listing.touchMany(t)) };
    const log = new SessionUseLog(counting, () => 10_000, () => undefined, { flushAfterMs: 60_000, flushAt: 500, rememberMax: 200_000 });
    for (let i = 0; i < 20_000; i++) log.used(ids[i % ids.length], '192.0.2.1');
    await log.close();
    expect(statements).toBe(2); // 300 sessions written once each, in chunks of 250
    const rows = await db().selectFrom('account_sessions').select(['last_used_at', 'ip_masked']).where('id', 'in', ids).execute();
    expect(rows.every((r) => Number(r.last_used_at) === 10_000 && r.ip_masked === '192.0.2.*')).toBe(true);
  });
});
