import { randomBytes, randomUUID } from 'node:crypto';
import { startHealthTestApp, type HealthTestApp } from './health-test-app';

/**
 * The morning peak: many people whose status was never computed open their code at once. On
 * MariaDB the first saves of neighbouring persons must not deadlock each other (an UPDATE-then-
 * INSERT save did, under the health bench's first burst).
 */
let t: HealthTestApp;
beforeAll(async () => {
  t = await startHealthTestApp('2026-12-04T02:00:00Z', 'real');
});
afterAll(() => t.close());

it('computes 300 first statuses concurrently without a deadlock, each saved once', async () => {
  const ids = Array.from({ length: 300 }, () => randomUUID());
  const now = Date.now();
  await t.app.database.db
    .insertInto('persons')
    .values(ids.map((id) => ({ id, id_hash: randomBytes(32).toString('hex'), id_cipher: 'x', name_cipher: 'x', birth_date: '1990-01-01', created_at: now })))
    .execute();
  const statuses = await Promise.all(ids.map((id) => t.app.services.health.statusOf(id)));
  expect(new Set(statuses.map((s) => s.colour))).toEqual(new Set(['green']));
  const rows = await t.app.database.db.selectFrom('health_status').select('person_id').where('person_id', 'in', ids).execute();
  expect(rows).toHaveLength(300);
  // A recomputation of a saved status updates it in place.
  await t.app.services.health.status.recompute(ids[0], 'test', 'system');
  expect(await t.app.database.db.selectFrom('health_status').select('person_id').where('person_id', '=', ids[0]).execute()).toHaveLength(1);
}, 60_000);
