import type { RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import {
  addAccount,
  createCitizens,
  HttpClient,
  mapLimit,
  newKey,
  outboxBacklog,
  pollUntil,
  report,
  tally,
  warnings,
  type Citizen,
  type Reply,
  type SurgeApp,
} from './surge-support';

/**
 * The invariants, as scenarios run by both the standalone and the Cluster suites: the same HTTP
 * requests, the same assertions, only the store differs.
 */
export interface ScenarioContext {
  label: string;
  s: SurgeApp;
  admin: RedisClient;
  prefix: string;
  roundId: string;
}

const rowsOf = (ctx: ScenarioContext) =>
  ctx.s.app.database.db.selectFrom('mask_reservations').select(['id', 'person_id', 'account_id', 'pharmacy_id', 'status']).where('round_id', '=', ctx.roundId);

/** Waits until the outbox is empty and MySQL holds at least `atLeast` rows matching the query. */
async function drained(ctx: ScenarioContext, count: () => Promise<number>, atLeast: number, timeoutMs = 30_000): Promise<void> {
  await pollUntil(
    `${ctx.label}: outbox drained into MySQL`,
    async () => ({ rows: await count(), backlog: await outboxBacklog(ctx.admin, ctx.prefix) }),
    (v) => v.rows >= atLeast && v.backlog === 0,
    timeoutMs,
  );
}

async function remainingSum(ctx: ScenarioContext, pharmacyIds: string[]): Promise<number> {
  const left = await ctx.s.app.services.maskHotPath.remaining(ctx.roundId, pharmacyIds);
  if (Object.keys(left).length !== pharmacyIds.length) throw new Error(`${ctx.label}: counters missing: ${JSON.stringify(left)}`);
  return Object.values(left).reduce((a, b) => a + b, 0);
}

/**
 * `citizens.length` distinct people, person i at pharmacy i mod n, `inFlight` requests at a time:
 * exactly quota × 201 per pharmacy, every other answer 409 SOLD_OUT, counters and the stock
 * endpoint at 0, and after the outbox drained exactly those bookings in MySQL.
 */
export async function surge(ctx: ScenarioContext, citizens: Citizen[], pharmacies: { id: string; quota: number }[], inFlight: number): Promise<void> {
  const { s } = ctx;
  const total = pharmacies.reduce((n, p) => n + p.quota, 0);
  const pharmacyOf = (i: number) => pharmacies[i % pharmacies.length].id;
  const t0 = performance.now();
  let lastBookingMs = 0;
  const outcomes = await mapLimit(citizens, inFlight, async (c, i) => {
    const o = await s.http.book(c.token, pharmacyOf(i), newKey('surge'));
    if (o.status === 201) lastBookingMs = performance.now() - t0;
    return o;
  });
  const ms = performance.now() - t0;
  report(
    `${ctx.label}: ${citizens.length} booking requests (${inFlight} in flight) answered in ${ms.toFixed(0)} ms = ${Math.round(citizens.length / (ms / 1000))} requests/s; ` +
      `the ${tally(outcomes)['201'] ?? 0} bookings took ${lastBookingMs.toFixed(0)} ms = ${Math.round((tally(outcomes)['201'] ?? 0) / (lastBookingMs / 1000))} bookings/s`,
  );

  expect(tally(outcomes)).toEqual({ '201': total, '409 SOLD_OUT': citizens.length - total });
  const booked = new Map<string, string>(); // reservation id → person id
  const perPharmacy = new Map<string, number>();
  outcomes.forEach((o, i) => {
    if (o.status !== 201) return;
    const r = o.body.reservation;
    expect(r).toMatchObject({ roundId: ctx.roundId, pharmacyId: pharmacyOf(i), personId: citizens[i].personId, personName: citizens[i].identity.name, status: 'reserved' });
    expect(typeof o.body.pickupCode).toBe('string');
    booked.set(r.id, r.personId);
    perPharmacy.set(r.pharmacyId, (perPharmacy.get(r.pharmacyId) ?? 0) + 1);
  });
  expect(booked.size).toBe(total);
  expect(Object.fromEntries(perPharmacy)).toEqual(Object.fromEntries(pharmacies.map((p) => [p.id, p.quota])));

  const ids = pharmacies.map((p) => p.id);
  expect(await s.app.services.maskHotPath.remaining(ctx.roundId, ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 0])));
  // The open-data endpoint serves a snapshot at most 5 s old.
  await pollUntil(
    `${ctx.label}: GET /masks/stock at 0`,
    async () => await s.http.request('GET', '/api/v1/masks/stock'),
    (r) => r.status === 200 && ids.every((id) => r.body.items.find((i: { pharmacyId: string }) => i.pharmacyId === id)?.remaining === 0),
    10_000,
    250,
  );

  await drained(ctx, async () => (await rowsOf(ctx).where('pharmacy_id', 'in', ids).execute()).length, total);
  const rows = await rowsOf(ctx).where('pharmacy_id', 'in', ids).execute();
  expect(rows).toHaveLength(total);
  expect(new Set(rows.map((r) => r.person_id)).size).toBe(total);
  expect(rows.filter((r) => r.status !== 'reserved')).toEqual([]);
  const rowIds = new Set(rows.map((r) => r.id));
  expect([...booked.keys()].filter((id) => !rowIds.has(id))).toEqual([]);
  for (const r of rows) expect(booked.get(r.id)).toBe(r.person_id);
  // Nothing went wrong underneath: no refused second booking, no failed confirm, no consumer error.
  expect(warnings(s)).toEqual([]);
}

/**
 * One person with a WeChat and an Alipay account, `requests` bookings at once over several
 * pharmacies, each with its own Idempotency-Key: one 201, every other 409 ALREADY_RESERVED, one
 * row in MySQL, one unit gone.
 */
export async function onePersonTwoAccounts(ctx: ScenarioContext, pharmacyIds: string[], requests: number): Promise<void> {
  const { s } = ctx;
  const [wechat] = await createCitizens(s.app, 1, { channel: 'weapp' });
  const alipay = await addAccount(s.app, wechat, 'alipay');
  const before = await remainingSum(ctx, pharmacyIds);
  const client = new HttpClient(s.baseUrl, requests);
  let outcomes;
  try {
    // Open every connection first, so the bookings really are in flight together.
    await Promise.all(Array.from({ length: requests }, () => client.request('GET', '/healthz')));
    const t0 = performance.now();
    outcomes = await Promise.all(
      Array.from({ length: requests }, (_, i) => client.book((i % 2 ? alipay : wechat).token, pharmacyIds[i % pharmacyIds.length], newKey(`two-${i}`))),
    );
    report(`${ctx.label}: ${requests} concurrent bookings of one person from two accounts answered in ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    client.close();
  }
  expect(tally(outcomes)).toEqual({ '201': 1, '409 ALREADY_RESERVED': requests - 1 });
  const winner = (outcomes.find((o) => o.status === 201) as Reply).body.reservation;
  expect(winner.personId).toBe(wechat.personId);
  expect(await remainingSum(ctx, pharmacyIds)).toBe(before - 1);

  const mine = () => rowsOf(ctx).where('person_id', '=', wechat.personId).execute();
  await drained(ctx, async () => (await mine()).length, 1);
  const rows = await mine();
  // A second booking that slipped through would show up here, even as a row MySQL refused (recorded cancelled).
  expect(rows).toEqual([expect.objectContaining({ id: winner.id, pharmacy_id: winner.pharmacyId, status: 'reserved' })]);
  expect([wechat.accountId, alipay.accountId]).toContain(rows[0].account_id);
  expect(warnings(s)).toEqual([]);
}

/**
 * The same Idempotency-Key retried: 20 at once, then again one after another, and a plain
 * sequential retry by a second person: one reservation each, every answer identical.
 */
export async function sameKeyRetried(ctx: ScenarioContext, pharmacyId: string): Promise<void> {
  const { s } = ctx;
  const [a, b] = await createCitizens(s.app, 2);
  const before = await remainingSum(ctx, [pharmacyId]);
  const client = new HttpClient(s.baseUrl, 20);

  const keyA = newKey('same-a');
  let burst;
  try {
    await Promise.all(Array.from({ length: 20 }, () => client.request('GET', '/healthz')));
    burst = await Promise.all(Array.from({ length: 20 }, () => client.book(a.token, pharmacyId, keyA)));
  } finally {
    client.close();
  }
  const retriesA = [];
  for (let i = 0; i < 5; i++) retriesA.push(await s.http.book(a.token, pharmacyId, keyA));
  const answersA = [...burst, ...retriesA];
  expect(tally(answersA)).toEqual({ '201': 25 });
  const first = answersA[0];
  expect(first.body.reservation).toMatchObject({ personId: a.personId, pharmacyId, status: 'reserved' });
  for (const o of answersA) expect(o.body).toEqual(first.body);

  const keyB = newKey('same-b');
  const answersB = [];
  for (let i = 0; i < 6; i++) answersB.push(await s.http.book(b.token, pharmacyId, keyB));
  expect(tally(answersB)).toEqual({ '201': 6 });
  for (const o of answersB) expect(o.body).toEqual(answersB[0].body);
  expect(answersB[0].body.reservation.id).not.toBe(first.body.reservation.id);

  const mine = () => rowsOf(ctx).where('person_id', 'in', [a.personId, b.personId]).execute();
  await drained(ctx, async () => (await mine()).length, 2);
  const rows = await mine();
  expect(rows.map((r) => r.id).sort()).toEqual([first.body.reservation.id, answersB[0].body.reservation.id].sort());
  expect(await remainingSum(ctx, [pharmacyId])).toBe(before - 2);
}
