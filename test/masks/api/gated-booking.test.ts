import { Redis } from 'ioredis';
import { addDays, chinaDateOf } from '../../../bff/src/core/china-date';
import { REDIS_URL } from '../../support/test-services';
import { adminSetup, book, idemKey, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp, type Person } from './support';

/**
 * A verified citizen's token names their account and person, so on standalone Redis a self-booking
 * hands session check and both rate limits to book-single.lua: ONE Redis command per booking.
 * These tests prove the shortcut changes no answer: a revoked or forged token is 401 with nothing
 * booked, limits count in the same windows as the middleware path, family bookings and tokens
 * without a person still go the middleware way.
 */
const day = (n: number) => addDays(chinaDateOf(Date.now()), n);
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+08:00`;

let t: MasksTestApp;
let admin: Caller;
let roundId: string;
const stats = new Redis(REDIS_URL, { lazyConnect: true });

const remaining = async (pharmacyId: string) => (await t.hotPath.remaining(roundId, [pharmacyId]))[pharmacyId];

/** The commands clients (not scripts) sent on this app's keys while `fn` ran, as Redis MONITOR saw them. */
async function redisCommandsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const prefix = t.app.config.storage.redisKeyPrefix;
  const marker = `${prefix}monitor-marker:${Math.random()}`;
  const monitor = await stats.monitor();
  // ioredis may take a MONITOR line that arrives with the OK (the check-in consumer polls every
  // 100 ms) for a reply nobody waits for and emit "Command queue state error": such a line
  // predates `fn`, so it is not one this count needs.
  monitor.on('error', () => undefined);
  const seen: { command: string; client: string }[] = [];
  let markerSeen: () => void = () => undefined;
  const markerArrived = new Promise<void>((resolve) => (markerSeen = resolve));
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args.includes(marker)) markerSeen();
    else if (!source.includes('lua') && args.some((a) => a.startsWith(prefix))) seen.push({ command: args[0].toLowerCase(), client: source.split(' ').pop() ?? source });
  });
  try {
    await fn();
    // MONITOR lines may trail the replies: a last command marks when all of them are in.
    await stats.get(marker);
    await markerArrived;
  } finally {
    monitor.disconnect();
  }
  // The outbox consumers poll their streams on connections of their own, whenever they like: a
  // connection that read a stream in the window is a consumer's, and none of its commands are the
  // booking's (the booking appends to its stream inside the script).
  const consumers = new Set(seen.filter((s) => s.command.startsWith('x')).map((s) => s.client));
  return seen.filter((s) => !consumers.has(s.client)).map((s) => s.command);
}

/** Verified in one session, then opening the app again: the new token names the person. */
async function returningCitizen(login: string, person: Person): Promise<Caller> {
  await t.citizen(login, person);
  return t.loginDev(login);
}

beforeAll(async () => {
  await stats.connect();
  t = await startMasksTestApp({
    start: at(1, '08:00'),
    hotPath: 'redis',
    rateLimits: { maskBookingPerAccountPerMinute: 4, maskBookingPerIpPerMinute: 100_000 },
  });
  admin = await t.operator('gate-boss', 'admin');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-g1'), PHARMACY('ph-g2')],
      round: { name: '闸门轮', opensAt: at(1, '09:00'), closesAt: at(1, '20:00') },
      quotas: [
        { pharmacyId: 'ph-g1', quota: 50 },
        { pharmacyId: 'ph-g2', quota: 50 },
      ],
    })
  ).roundId as string;
  t.clock.set(at(1, '09:00'));
});
afterAll(async () => {
  await t.close();
  stats.disconnect();
});

describe('self-booking with a token that names the person (standalone Redis)', () => {
  it('books in ONE Redis call; a token without a person takes four (session, two limits, booking)', async () => {
    const returning = await returningCitizen('gate-one', newPerson('钱多'));
    expect(returning.token.split('.')).toHaveLength(3);
    // Warm up: in-process caches (round, pharmacy) and the script loaded on the connection, so
    // that only a booking's own commands are counted.
    expect((await book(t, await returningCitizen('gate-warm', newPerson()), { pharmacyId: 'ph-g1' })).status).toBe(201);

    let res!: Awaited<ReturnType<typeof book>>;
    const gated = await redisCommandsDuring(async () => (res = await book(t, returning, { pharmacyId: 'ph-g1' })));
    expect(res.status).toBe(201);
    expect(res.body.reservation).toMatchObject({ pharmacyId: 'ph-g1', personName: '钱*', status: 'reserved' });
    expect(gated).toEqual(['evalsha']);

    const fresh = await t.citizen('gate-four', newPerson('孙立'));
    expect(fresh.token.split('.')).toHaveLength(1);
    const middleware = await redisCommandsDuring(async () => expect((await book(t, fresh, { pharmacyId: 'ph-g1' })).status).toBe(201));
    expect(middleware).toEqual(['get', 'evalsha', 'evalsha', 'evalsha']);

    // Both paths' bookings reach MySQL through the outbox.
    await t.drainOutbox();
    const rows = await t.app.database.db.selectFrom('mask_reservations').select(['account_id', 'status']).where('pharmacy_id', '=', 'ph-g1').execute();
    expect(rows).toEqual(expect.arrayContaining([{ account_id: returning.userId, status: 'reserved' }, { account_id: fresh.userId, status: 'reserved' }]));
  });

  it('is answered in the fast lane, as the full stack (a request with an Origin) answers it', async () => {
    const lane = await returningCitizen('gate-lane', newPerson('周到'));
    const full = await returningCitizen('gate-full', newPerson('吴用'));
    const viaLane = await book(t, lane, { pharmacyId: 'ph-g2' });
    const viaFull = await t.request('POST', '/api/v1/masks/reservations', { token: full.token, body: { pharmacyId: 'ph-g2' }, headers: { 'Idempotency-Key': idemKey(), origin: 'https://elsewhere.example' } });
    expect([viaLane.status, viaFull.status]).toEqual([201, 201]);
    const shape = (r: typeof viaLane) => ({ ...r.body, reservation: { ...r.body.reservation, id: 'id', personId: 'person', personName: 'name', createdAt: 'at' }, pickupCode: typeof r.body.pickupCode, shortCode: /^\d{10}$/.test(r.body.shortCode) });
    expect(shape(viaLane)).toEqual(shape(viaFull));
    expect(viaLane.body.reservation.personName).toBe('周*');
    expect(viaFull.body.reservation.personName).toBe('吴*');
    for (const h of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'vary']) {
      expect([h, viaLane.headers.get(h)]).toEqual([h, viaFull.headers.get(h)]);
    }
    // One access-log line each; the lane's says it answered.
    const line = (res: typeof viaLane) => t.logs().split('\n').filter((l) => l.includes(`"requestId":"${res.headers.get('x-request-id')}"`) && l.includes('"msg":"request"'));
    expect(line(viaLane)).toHaveLength(1);
    expect(JSON.parse(line(viaLane)[0])).toMatchObject({ route: '/api/v1/masks/reservations', status: 201, fast: true });
    expect(line(viaFull)).toHaveLength(1);
    expect(JSON.parse(line(viaFull)[0]).fast).toBeUndefined();
  });

  it('replays the same answer for the same Idempotency-Key, and still refuses a second booking', async () => {
    const c = await returningCitizen('gate-replay', newPerson());
    const key = idemKey();
    const first = await book(t, c, { pharmacyId: 'ph-g2' }, key);
    expect(first.status).toBe(201);
    expect(await book(t, c, { pharmacyId: 'ph-g2' }, key)).toMatchObject({ status: 201, body: first.body });
    expect((await book(t, c, { pharmacyId: 'ph-g1' }, key)).body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await book(t, c, { pharmacyId: 'ph-g1' })).body.error.code).toBe('ALREADY_RESERVED');
  });

  it('answers 401 for a revoked session and for altered claims, booking nothing', async () => {
    const c = await returningCitizen('gate-revoked', newPerson());
    const other = await returningCitizen('gate-other', newPerson());
    const left = await remaining('ph-g1');

    const [random, accountId] = c.token.split('.');
    const forged = { ...c, token: `${random}.${accountId}.${other.token.split('.')[2]}` };
    const forgedRes = await book(t, forged, { pharmacyId: 'ph-g1' });
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.body.error.code).toBe('UNAUTHENTICATED');
    expect(forgedRes.headers.get('www-authenticate')).toBe('Bearer');

    await t.app.services.sessions.revoke(c.token);
    const revoked = await book(t, c, { pharmacyId: 'ph-g1' });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHENTICATED');
    expect(await remaining('ph-g1')).toBe(left);

    // Neither left a hold behind: both persons can still book.
    expect((await book(t, other, { pharmacyId: 'ph-g1' })).status).toBe(201);
    expect((await book(t, await t.loginDev('gate-revoked'), { pharmacyId: 'ph-g1' })).status).toBe(201);
  });

  it('counts the per-account limit in the same window as the middleware path: 429 with Retry-After, nothing booked', async () => {
    const person = newPerson();
    const older = await t.citizen('gate-limit', person); // token without a person: middleware path
    const returning = await t.loginDev('gate-limit'); // same account, token names the person: Lua path
    expect((await book(t, older, { pharmacyId: 'ph-g2' })).status).toBe(201); // hit 1 of 4
    expect((await book(t, returning, { pharmacyId: 'ph-g2' })).body.error.code).toBe('ALREADY_RESERVED'); // hit 2
    expect((await book(t, older, { pharmacyId: 'ph-g2' })).body.error.code).toBe('ALREADY_RESERVED'); // hit 3
    expect((await book(t, returning, { pharmacyId: 'ph-g2' })).body.error.code).toBe('ALREADY_RESERVED'); // hit 4
    const left = await remaining('ph-g2');
    const limited = await book(t, returning, { pharmacyId: 'ph-g2' }); // hit 5
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await book(t, older, { pharmacyId: 'ph-g2' })).status).toBe(429); // and the middleware path sees the same window
    expect(await remaining('ph-g2')).toBe(left);
  });

  it('a family booking goes the middleware way with the same token, and the holder’s own booking still works', async () => {
    const holderPerson = newPerson('周全');
    const holder = await returningCitizen('gate-family', holderPerson);
    const child = newPerson('周小');
    await t.app.services.registry.loadCsv(`${child.name},${child.idNumber}\n`);
    const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...child, relation: 'child' } });
    expect(added.status).toBe(201);
    const childId = added.body.member.personId as string;
    const forChild = await book(t, holder, { pharmacyId: 'ph-g1', personId: childId });
    expect(forChild.status).toBe(201);
    expect(forChild.body.reservation).toMatchObject({ personId: childId, personName: '周*' });
    const self = await book(t, holder, { pharmacyId: 'ph-g1' });
    expect(self.status).toBe(201);
    expect(self.body.reservation.personId).toBe(holder.token.split('.')[2]);
  });
});
