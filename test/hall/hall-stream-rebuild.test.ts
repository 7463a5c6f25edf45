import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { chinaDateOf } from '../../bff/src/core/china-date';
import { HALL_TICKET_STREAM } from '../../bff/src/domains/hall/queue/hall-keys';
import { TicketJournal } from '../../bff/src/domains/hall/queue/ticket-journal';
import { REDIS_URL } from '../support/test-services';
import { startTestApp, type TestApp } from '../support/test-app';
import { citizen, DEMO_HALL_ID, newPerson, seedDemoHall, takeRemote, written } from './support';

/*
 * The hall queue on the durable stream (docs/hall.md, "Durability"): a take is in the stream when
 * it is answered and reaches hall_tickets through the consumer; a redelivered or late entry neither
 * duplicates the audit row nor brings an older state back. After Redis loses the queue, the hall
 * answers 503 (never wrong numbers) until the day is rebuilt from MySQL, which restores tickets,
 * waiting order, windows' current tickets, calls and service times, and numbers carry on without reuse.
 */
const A = 'svc-id-card';
const B = 'svc-household';
let t: TestApp;
let raw: Redis;

beforeAll(async () => {
  t = await startTestApp('real');
  await seedDemoHall(t.app);
  raw = new Redis(REDIS_URL);
}, 60_000);
afterAll(async () => {
  await raw?.quit();
  await t?.close();
});

const prefix = () => t.app.config.storage.redisKeyPrefix;

/** Every hall-queue key of this app (hall-days and ready marks), the streams excepted. */
async function hallKeys(): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix()}ds:{hall-tickets:*}:hq*`, 'COUNT', 1000);
    out.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return out;
}

async function streamLength(): Promise<number> {
  const lengths = await Promise.all(HALL_TICKET_STREAM.allShards().map((s) => raw.xlen(prefix() + s.stream)));
  return lengths.reduce((a, b) => a + b, 0);
}

async function takeFor(login: string, serviceId: string) {
  const c = await citizen(t, login, newPerson());
  const res = await takeRemote(t, c.token, serviceId);
  expect(res.status).toBe(201);
  return { ...c, ticket: res.body.ticket as { id: string; number: string } };
}

it('answers a take once it is in the stream; the consumer writes the row; audit rows are written once and older states never win', async () => {
  const runtime = t.app.services.hall.queueRuntime;
  if (!runtime) throw new Error('the real app has a hall queue runtime');
  await runtime.stop(); // nobody consumes: the answer cannot have waited for MySQL
  const c = await takeFor('stream-1', A);
  expect(await streamLength()).toBeGreaterThan(0);
  const before = await t.app.database.db.selectFrom('hall_tickets').select('id').where('id', '=', c.ticket.id).executeTakeFirst();
  expect(before).toBeUndefined();
  await runtime.drain();
  const row = await t.app.database.db.selectFrom('hall_tickets').selectAll().where('id', '=', c.ticket.id).executeTakeFirst();
  expect(row).toMatchObject({ number: c.ticket.number, state: 'waiting', eta_p50_min: expect.any(Number) });

  // Redelivery and a late, older entry, written straight through the consumer's journal.
  const journal = new TicketJournal(t.app.database.db, t.app.database.dialect, t.app.services.audit, { notify: () => Promise.resolve() }, Date.now);
  // A copy on another day and id: the live queue (and the rebuild below) never see it.
  const live = (await t.app.services.hall.queue.get(DEMO_HALL_ID, chinaDateOf(Date.now()), c.ticket.id))!;
  const ticket = { ...live, id: randomUUID(), day: '2020-01-02' };
  const called = { ...ticket, state: 'called' as const, windowId: 'win-1', calledAt: Date.now(), calls: 1 };
  const audit = { actor: 'test-staff', action: 'hall.ticket.call', requestId: null, details: { windowId: 'win-1' } };
  const change = { eventId: `${ticket.id}.1000`, rev: 1000, tickets: [called], effects: { audit } };
  await journal.write([change]);
  await journal.write([change, change]);
  await journal.write([{ eventId: `${ticket.id}.999`, rev: 999, tickets: [ticket], effects: null }]);
  const rows = await t.app.services.audit.forTarget('hall_ticket', ticket.id);
  expect(rows.map((r) => r.action)).toEqual(['hall.ticket.call']);
  const after = await t.app.database.db.selectFrom('hall_tickets').select(['state', 'window_id', 'rev']).where('id', '=', ticket.id).executeTakeFirst();
  expect(after).toEqual({ state: 'called', window_id: 'win-1', rev: 1000 });
  await runtime.start();
});

it('answers 503 after Redis lost the queue, rebuilds the day from MySQL, and numbers carry on without reuse', async () => {
  const day = chinaDateOf(Date.now());
  const staff = await t.loginDev('window-1');
  // A window_staff member works at one window at a time: the other windows are the hall manager's.
  const manager = await t.loginDev('hall-manager-1');
  const taken = [];
  for (let i = 0; i < 4; i++) taken.push(await takeFor(`rebuild-a-${i}`, A));
  for (let i = 0; i < 3; i++) taken.push(await takeFor(`rebuild-b-${i}`, B));
  const first = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
  expect(first.status).toBe(200);
  const firstId = first.body.ticket.id as string;
  expect((await t.request('POST', `/api/v1/tickets/${firstId}/complete`, { token: staff.token, body: { windowId: 'win-1' } })).status).toBe(200);
  const second = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
  const third = await t.request('POST', '/api/v1/windows/win-3/call-next', { token: manager.token });
  expect([second.status, third.status]).toEqual([200, 200]);

  const { queue } = t.app.services.hall;
  const services = [A, B];
  const ids = taken.map((x) => x.ticket.id);
  const stateBefore = await queue.state(DEMO_HALL_ID, day, services);
  const ticketsBefore = await Promise.all(ids.map((id) => queue.get(DEMO_HALL_ID, day, id)));
  const numbersBefore = new Set(taken.map((x) => x.ticket.number));

  // Redis loses the hall queue (the streams survive here: the rebuild writes them out first).
  const runtime = t.app.services.hall.queueRuntime!;
  await runtime.stop();
  const lost = await hallKeys();
  expect(lost.length).toBeGreaterThan(0);
  await raw.del(...lost);

  const c = await citizen(t, 'rebuild-late-2', newPerson());
  const res = await takeRemote(t, c.token, A);
  expect([res.status, res.body.error?.code]).toEqual([503, 'STORE_UNAVAILABLE']);
  const callRefused = await t.request('POST', '/api/v1/windows/win-2/call-next', { token: manager.token });
  expect([callRefused.status, callRefused.body.error?.code]).toEqual([503, 'STORE_UNAVAILABLE']);

  await runtime.rebuild(); // joins the rebuild the refusals asked for, or runs it
  await runtime.start();

  const stateAfter = await queue.state(DEMO_HALL_ID, day, services);
  expect(stateAfter.waiting.sort((a, b) => a.ticketId.localeCompare(b.ticketId))).toEqual(stateBefore.waiting.sort((a, b) => a.ticketId.localeCompare(b.ticketId)));
  expect(stateAfter.current).toEqual(stateBefore.current);
  expect(stateAfter.calls).toEqual(stateBefore.calls);
  expect(stateAfter.serviceTimes).toEqual(stateBefore.serviceTimes);
  expect(stateAfter.version).toBeGreaterThan(stateBefore.version);
  expect(await Promise.all(ids.map((id) => queue.get(DEMO_HALL_ID, day, id)))).toEqual(ticketsBefore);

  // Numbers continue after the highest given; the live view and the console work again.
  const next = await takeRemote(t, c.token, A);
  expect(next.status).toBe(201);
  expect(numbersBefore.has(next.body.ticket.number)).toBe(false);
  expect(next.body.ticket.number).toBe(`A${String(taken.filter((x) => x.ticket.number.startsWith('A')).length + 2).padStart(3, '0')}`);
  const view = await t.request('GET', `/api/v1/tickets/${next.body.ticket.id}`, { token: c.token });
  expect(view.body.ticket).toMatchObject({ state: 'waiting', position: stateBefore.waiting.filter((w) => w.serviceId === A).length + 1 });
  const again = await t.request('POST', '/api/v1/windows/win-2/call-next', { token: manager.token });
  expect(again.status).toBe(200);
  await written(t);
});

it('answers the live position in the fast lane, the same as Koa', async () => {
  const c = await takeFor('lane-1', B);
  const lane = await t.request('GET', `/api/v1/tickets/${c.ticket.id}`, { token: c.token, headers: { 'X-Request-Id': 'hall-lane-1' } });
  const koa = await t.request('GET', `/api/v1/tickets/${c.ticket.id}`, { token: c.token, headers: { 'X-Request-Id': 'hall-koa-1', Origin: 'https://elsewhere.example' } });
  expect(lane.status).toBe(200);
  expect(lane.body).toEqual(koa.body);
  const line = (id: string) => t.logs().split('\n').find((l) => l.includes('"msg":"request"') && l.includes(`"requestId":"${id}"`));
  expect(JSON.parse(line('hall-lane-1') ?? '{}')).toMatchObject({ fast: true, status: 200 });
  expect(JSON.parse(line('hall-koa-1') ?? '{}')).not.toHaveProperty('fast');
  const stranger = await t.loginDev('lane-stranger');
  const refused = await t.request('GET', `/api/v1/tickets/${c.ticket.id}`, { token: stranger.token });
  expect([refused.status, refused.body.error.code]).toEqual([404, 'TICKET_NOT_FOUND']);
});
