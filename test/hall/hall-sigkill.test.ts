import { createConnection } from 'mysql2/promise';
import { deepMerge, loadConfig } from '@govpass/config';
import { withCheckChar } from '@govpass/shared-types';
import { buildApp } from '../../bff/src/app';
import { chinaDateOf } from '../../bff/src/core/china-date';
import { HALL_TICKET_STREAM } from '../../bff/src/domains/hall/queue/hall-keys';
import type { RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { adminRedis, pollUntil, spawnServer, type ServerProcess } from '../masks/surge/surge-support';
import { requesterFor } from '../support/http-request';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../support/test-services';
import { AT_HALL, DEMO_HALL_ID, seedDemoHall } from './support';

/*
 * The BFF is SIGKILLed in the middle of a burst of ticket-taking: every ticket it acknowledged
 * (answered 201) exists afterwards, in the hot store and — once the durable stream's consumer of
 * the next process drained what the killed one appended — in MySQL (hall_tickets), with the number
 * it was given; a restarted BFF shows it. hall_tickets is write-locked before the kill, so the
 * killed process's consumer dies holding a batch it read and could not write (the case a drain
 * must take over, not wait claimIdleMs for).
 */
const PEOPLE = 120;
let scratch: ScratchDatabase;
let server: ServerProcess | null = null;
let admin: RedisClient;
const prefix = uniquePrefix('hall-kill');

/** Entries the hall stream's consumers have read and not acknowledged. */
async function pending(): Promise<number> {
  let n = 0;
  for (const s of HALL_TICKET_STREAM.allShards()) n += Number(((await admin.xpending(prefix + s.stream, 'hall-tickets-sink').catch(() => [0])) as [number])[0]);
  return n;
}

function configFor(db: ScratchDatabase) {
  return loadConfig({ env: { NODE_ENV: 'test' }, overrides: deepMerge({ storage: { mysqlUrl: db.url, redisUrl: REDIS_URL, redisKeyPrefix: prefix } }, {}) });
}

beforeAll(async () => {
  admin = await adminRedis('standalone');
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
  admin?.disconnect();
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
  const lock = await createConnection({ uri: scratch.url });
  let locked: Promise<unknown> | null = null;
  let killing = false;
  const burst = tokens.map(async (token, i) => {
    const serviceId = i % 2 === 0 ? 'svc-id-card' : 'svc-household';
    try {
      const res = await request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token, headers: { 'idempotency-key': `kill-${i}-aaaaaaaa` }, body: { mode: 'remote', serviceId, location: AT_HALL } });
      if (res.status === 201) {
        acked.push({ id: res.body.ticket.id, number: res.body.ticket.number, token });
        if (acked.length === 15) locked = lock.query('LOCK TABLES hall_tickets WRITE');
        if (acked.length >= 30 && !killing) {
          killing = true;
          await locked;
          await pollUntil('the consumer holds unacknowledged entries', pending, (n) => n > 0, 10_000, 10);
          running.signal('SIGKILL');
        }
      } else failed++;
    } catch {
      failed++;
    }
  });
  await Promise.all(burst);
  await running.gone();
  await lock.query('UNLOCK TABLES').catch(() => undefined);
  await lock.end();
  expect(await pending()).toBeGreaterThan(0);
  console.log(`[hall sigkill] ${acked.length} acknowledged, ${failed} cut off by the kill`);
  expect(acked.length).toBeGreaterThanOrEqual(30);
  expect(failed).toBeGreaterThan(0);

  const app = await buildApp(configFor(scratch));
  try {
    // Everything the killed process appended (and never wrote, or wrote and never acknowledged):
    // its consumer is dead, so the batch it held is taken over at once, not after claimIdleMs.
    await app.services.hall.queueRuntime?.rebuild();
    await app.services.hall.queueRuntime?.drain({ claimIdleMs: 0 });
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
