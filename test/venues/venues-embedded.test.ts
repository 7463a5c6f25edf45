import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCheckChar } from '@govpass/shared-types';
import { runAdminCommand } from '../../bff/src/cli/admin-commands';
import { seedDemoData, DEMO_VENUE_ID } from '../../bff/src/demo/seed-demo-data';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The embedded default (SQLite, in-process hot store, no Redis): the demo venue and
 * dev:venue-manager-1, check-in through the SQL ledger (dedupe), and the admin CLI's
 * import-venues (all rows or none) and purge-checkins.
 */
const dir = mkdtempSync(join(tmpdir(), 'govpass-venues-cli-'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('embedded', { identity: { registry: 'permissive' } });
  await seedDemoData(t.app);
}, 30_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runAdminCommand(t.app, args, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

it('seeds a demo venue that dev:venue-manager-1 manages, and a citizen can check in there once', async () => {
  const manager = await t.loginDev('venue-manager-1');
  const list = await t.request('GET', '/api/v1/venues', { token: manager.token });
  expect(list.body.items.map((v: { id: string }) => v.id)).toEqual([DEMO_VENUE_ID]);
  const poster = await t.request('GET', `/api/v1/venues/${DEMO_VENUE_ID}/poster`, { token: manager.token });
  expect(poster.body.poster.instructions.length).toBeGreaterThan(0);

  const citizen = await t.loginDev('venue-citizen');
  const bind = await t.request('POST', '/api/v1/identity', { token: citizen.token, body: { name: '赵六', idNumber: withCheckChar('34010419850505123') } });
  expect(bind.status).toBe(200);
  const scan = () => t.request('POST', '/api/v1/venues/checkins', { token: citizen.token, body: { venueCode: poster.body.poster.scanUrl } });
  const [a, b] = await Promise.all([scan(), scan()]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect([a.body.items[0].duplicate, b.body.items[0].duplicate].sort()).toEqual([false, true]);
  expect(a.body.items[0].maskedName).toBe('赵*');
  const counts = await t.request('GET', `/api/v1/venues/${DEMO_VENUE_ID}/counts`, { token: manager.token });
  expect(counts.body.today).toBe(1);
});

it('imports venues from CSV all or none, and purges old check-ins, from the admin CLI', async () => {
  const good = join(dir, 'venues.csv');
  writeFileSync(good, 'id,name,address,district,type,lat,lng\ncli-v1,蜀山区政务大厅,蜀山区一号,蜀山区,government,31.85,117.2\n,火车站南广场,站前路,瑶海区,station,31.88,117.31\n');
  expect(await cli('import-venues', good)).toEqual({ code: 0, out: 'imported 2 venue(s)' });
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'id,name,address,district,type,lat,lng\ncli-v2,好场所,地址一号,蜀山区,shop,31.8,117.3\ncli-v3,坏场所,地址二号,蜀山区,shop,91,117.3\n');
  const refused = await cli('import-venues', bad);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('line 3');
  expect(await t.app.database.db.selectFrom('venues').select('id').where('id', '=', 'cli-v2').executeTakeFirst()).toBeUndefined();

  await t.app.database.db.insertInto('venue_checkins').values({ id: 'ancient', venue_id: 'cli-v1', person_id: 'p', account_id: 'a', checked_in_at: Date.now() - 30 * 86_400_000 }).execute();
  const purged = await cli('purge-checkins');
  expect(purged).toEqual({ code: 0, out: 'deleted 1 check-in(s) older than 14 day(s)' });
  expect(await t.app.database.db.selectFrom('venue_checkins').select('id').execute()).toHaveLength(1);
});
