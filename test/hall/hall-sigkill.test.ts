import { deepMerge, loadConfig } from '@govpass/config';
import { withCheckChar } from '@govpass/shared-types';
import { buildApp } from '../../bff/src/app';
import { chinaDateOf } from '../../bff/src/core/china-date';
import { spawnServer, type ServerProcess } from '../masks/surge/surge-support';
import { requesterFor } from '../support/http-request';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../support/test-services';
import { AT_HALL, DEMO_HALL_ID, seedDemoHall } from './support';

/*
 * The BFF is SIGKILLed in the middle of a burst of ticket-taking: every ticket it acknowledged
 * (answered 201) exists afterwards, in the hot store and — once the durable stream's consumer of
 * the next process drained what the killed one appended — in MySQL (hall_tickets), with the number
 * it was given; a restarted BFF shows it.
 */
const PEOPLE = 120;
let scratch: ScratchDatabase;
let server: ServerProcess | null = null;
const prefix = uniquePrefix('hall-kill');

function configFor(db: ScratchDatabase) {
  return loadConfig({ env: { NODE_ENV: 'test' }, overrides: deepMerge({ storage: { mysqlUrl: db.url, redisUrl: REDIS_URL, redisKeyPrefix: prefix } }, {}) });
}

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const app = await buildApp(configFor(scratch));
  await seedDemoHall(app);
  const rows = Array.from({ length: PEOPLE }, (_, i) => ({ name: '钱多多', idNumber: withCheckChar(`3201021985061${String(i).padStart(4, '0')}`) }));
  await app.services.registry.loadCsv(rows.map((r) => `${r.name},${r.idNumber}`).join('\n') + '\n');
  for (const [i, r] of rows.entries()) {
    const account = await app.services.accounts.findOrCreate('h5', `kill-${i}`);
    await app.services.identity.bind(account.id, r);
  }
  await app.close();
}, 120_000);

afterAll(async () => {
  server?.signal('SIGKILL');
  await server?.gone().catch(() => undefined);
  await scratch.drop();
});

const env = () => ({ NODE_ENV: 'test', PORT: '0', MYSQL_URL: scratch.url, REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' });

it('keeps every acknowledged ticket when the BFF is killed mid-burst', async () => {
  server = await spawnServer(env());
  const request = requesterFor(server.url);
  const tokens: string[] = [];
  for (let i = 0; i < PEOPLE; i++) tokens.push((await request('POST', '/api/v1/auth/login', { body: { channel: 'h5', code: `dev:kill-${i}` } })).body.token);

  const acked: { id: string; number: string; token: string }[] = [];
  let failed = 0;
  const running = server;
  const burst = tokens.map(async (token, i) => {
    const serviceId = i % 2 === 0 ? 'svc-id-card' : 'svc-household';
    try {
      const res = await request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token, headers: { 'idempotency-key': `kill-${i}-aaaaaaaa` }, body: { mode: 'remote', serviceId, location: AT_HALL } });
      if (res.status === 201) {
        acked.push({ id: res.body.ticket.id, number: res.body.ticket.number, token });
        if (acked.length === 30) running.signal('SIGKILL');
      } else failed++;
    } catch {
      failed++;
    }
  });
  await Promise.all(burst);
  await running.gone();
  console.log(`[hall sigkill] ${acked.length} acknowledged, ${failed} cut off by the kill`);
  expect(acked.length).toBeGreaterThanOrEqual(30);
  expect(failed).toBeGreaterThan(0);

  const app = await buildApp(configFor(scratch));
  try {
    // Everything the killed process appended (and never wrote, or wrote and never acknowledged).
    await app.services.hall.queueRuntime?.rebuild();
    await app.services.hall.queueRuntime?.drain();
    const day = chinaDateOf(Date.now());
    for (const a of acked) {
      const row = await app.database.db.selectFrom('hall_tickets').select(['number', 'state']).where('id', '=', a.id).executeTakeFirst();
      expect({ id: a.id, row }).toEqual({ id: a.id, row: { number: a.number, state: 'waiting' } });
      expect((await app.services.hall.queue.get(DEMO_HALL_ID, day, a.id))?.number).toBe(a.number);
    }
    const numbers = acked.map((a) => a.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  } finally {
    await app.close();
  }

  server = await spawnServer(env());
  const again = await requesterFor(server.url)('GET', `/api/v1/tickets/${acked[0].id}`, { token: acked[0].token });
  expect(again.body.ticket).toMatchObject({ id: acked[0].id, number: acked[0].number, state: 'waiting', position: expect.any(Number) });
}, 180_000);
