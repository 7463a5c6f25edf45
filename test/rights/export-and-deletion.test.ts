import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { withCheckChar } from '@govpass/shared-types';
import { addDays, chinaDateOf } from '../../bff/src/core/china-date';
import { REDIS_URL } from '../support/test-services';
import { adminSetup, book, startMasksTestApp, type Caller, type MasksTestApp } from '../masks/api/support';

/**
 * Export (GET /api/v1/me/export) and deletion (DELETE /api/v1/me) on MariaDB + standalone Redis
 * with the Lua hot path. After deletion, no plaintext, ciphertext or keyed hash of the person's (or
 * their account-less family member's) ID number or name is left in any MySQL table or Redis key,
 * but in the population registry (a documented retention rule: it is the government's reference
 * table the app checks against, not data the app collected).
 */
const day = (n: number) => addDays(chinaDateOf(Date.now()), n);
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+08:00`;
const ME = { name: '欧阳晓雯', idNumber: withCheckChar('34010419880808456') };
const KID = { name: '欧阳小豆', idNumber: withCheckChar('34010420180909456'), relation: 'child' };
/** Tables that may keep an ID-number hash after deletion, each under its rule in docs/privacy.md. */
const RETAINED = ['registry_entries'];

let t: MasksTestApp;
let roundId: string;
const redis = new Redis(REDIS_URL, { lazyConnect: true });
const remaining = async () => (await t.hotPath.remaining(roundId, ['ph-r1']))['ph-r1'];

beforeAll(async () => {
  await redis.connect();
  t = await startMasksTestApp({ start: at(1, '08:00'), hotPath: 'redis' });
  const admin = await t.operator('rights-boss', 'admin');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [{ id: 'ph-r1', name: '测试药房', address: '庐阳区长江中路 1 号', district: '庐阳区', lat: 31.86, lng: 117.28, phone: '0551-62600000', openingHours: '08:00-21:00' }],
      round: { name: '权利轮', opensAt: at(1, '09:00'), closesAt: at(1, '20:00') },
      quotas: [{ pharmacyId: 'ph-r1', quota: 20 }],
    })
  ).roundId as string;
  t.clock.set(at(1, '09:00'));
  await t.app.services.registry.loadCsv(`${KID.name},${KID.idNumber}\n`);
});
afterAll(async () => {
  await t.close();
  redis.disconnect();
});

/** Every row of every table of the scratch database, as text per table. */
async function dumpMysql(): Promise<Record<string, string>> {
  const db = t.app.database.db;
  const tables = (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`.execute(db)).rows.map((r) => r.name);
  const out: Record<string, string> = {};
  for (const name of tables) out[name] = JSON.stringify((await sql`SELECT * FROM ${sql.table(name)}`.execute(db)).rows);
  return out;
}

/** Every key of this app (its prefix) with its value, whatever the type. */
async function dumpRedis(): Promise<string> {
  const prefix = t.app.config.storage.redisKeyPrefix;
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown = null;
      if (type === 'string') value = await redis.get(key);
      else if (type === 'hash') value = await redis.hgetall(key);
      else if (type === 'list') value = await redis.lrange(key, 0, -1);
      else if (type === 'set') value = await redis.smembers(key);
      else if (type === 'zset') value = await redis.zrange(key, '0', '-1', 'WITHSCORES');
      else if (type === 'stream') value = await redis.xrange(key, '-', '+');
      parts.push(`${key} ${JSON.stringify(value)}`);
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

describe('export and deletion', () => {
  let me: Caller;
  let personId: string;
  let reservationId: string;
  const needles: string[] = [];

  it('exports everything held about the person, readable, masked, the booking included, and audits it', async () => {
    me = await t.citizen('rights-me', ME);
    personId = (await t.app.services.accounts.findById(me.userId))?.personId as string;
    expect((await t.request('POST', '/api/v1/family', { token: me.token, body: KID })).status).toBe(201);
    const booked = await book(t, me, { pharmacyId: 'ph-r1' });
    expect(booked.status).toBe(201);
    reservationId = booked.body.reservation.id;
    await t.drainOutbox();
    expect((await t.request('GET', '/api/v1/health/code', { token: me.token })).status).toBe(200);
    const decl = await t.request('POST', '/api/v1/health/declarations', { token: me.token, body: { symptoms: [], travel: [] } });
    expect(decl.status).toBe(201);
    await t.request('POST', '/api/v1/me/consent', { token: me.token, body: { version: 'v1' } });

    const res = await t.request('GET', '/api/v1/me/export', { token: me.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { sections } = res.body;
    expect(Object.keys(sections).sort()).toEqual(['account', 'family', 'hallAppointments', 'hallTickets', 'health', 'identity', 'maskReservations', 'printedCodes', 'privacyConsents', 'sessions', 'venueCheckins'].sort());
    expect(sections.identity).toEqual({ verified: true, identity: { name: '欧***', idNumber: `3401**********${ME.idNumber.slice(-4)}` } });
    expect(sections.family).toEqual([{ name: '欧***', idNumber: `3401**********${KID.idNumber.slice(-4)}`, relation: 'child' }]);
    expect(sections.maskReservations).toEqual([expect.objectContaining({ id: reservationId, pharmacyName: '测试药房', status: 'reserved' })]);
    expect(sections.health).toMatchObject({ status: { colour: 'green' }, declarations: [expect.objectContaining({ symptoms: expect.any(String) })] });
    expect(sections.privacyConsents).toEqual([expect.objectContaining({ 版本: 'v1', 渠道: 'h5' })]);
    expect(sections.sessions.length).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(res.body);
    for (const plain of [ME.idNumber, ME.name, KID.idNumber, KID.name]) expect(text).not.toContain(plain);
    expect((await t.app.services.audit.forTarget('account', me.userId)).map((a) => a.action)).toContain('privacy.export');
  });

  it('refuses deletion without the typed phrase, changing nothing', async () => {
    for (const confirmation of ['', '注销', '确认']) {
      const res = await t.request('DELETE', `/api/v1/me?confirmation=${encodeURIComponent(confirmation)}`, { token: me.token });
      expect([res.status, res.body.error.code]).toEqual([422, 'CONFIRMATION_MISMATCH']);
    }
    expect((await t.request('GET', '/api/v1/me', { token: me.token })).status).toBe(200);
  });

  it('deletes: booking cancelled and its unit back, family unlinked, identity gone, sessions ended, every step audited', async () => {
    const other = await t.loginDev('rights-me'); // a second device
    const persons = await t.app.database.db.selectFrom('persons').selectAll().execute();
    expect(persons).toHaveLength(2); // me and my child
    for (const p of persons) needles.push(p.id_hash, p.id_cipher, p.name_cipher);
    const registry = await t.app.database.db.selectFrom('registry_entries').selectAll().execute();
    for (const r of registry) needles.push(r.name_hash);
    needles.push(ME.idNumber, ME.name, KID.idNumber, KID.name);
    const before = await remaining();

    const res = await t.request('DELETE', `/api/v1/me?confirmation=${encodeURIComponent('确认注销')}`, { token: me.token });
    expect(res.status).toBe(200);
    const counts = Object.fromEntries(res.body.steps.map((s: { domain: string; counts: Record<string, number> }) => [s.domain, s.counts]));
    expect(res.body.steps.map((s: { domain: string }) => s.domain)).toEqual(['tombstone', 'sessions', 'masks', 'appointments', 'hall', 'venues', 'health', 'personalCode', 'notifications', 'family', 'identity', 'privacyConsents', 'account']);
    expect(counts.tombstone).toEqual({ marked: 1 });
    expect(counts.sessions.revoked).toBe(2);
    expect(counts.masks).toMatchObject({ cancelled: 1, unitsReturned: 1 });
    expect(counts.family).toEqual({ linksRemoved: 1, membersDeleted: 1 });
    expect(counts.identity).toEqual({ unbound: 1, personDeleted: 1 });
    expect(counts.account).toEqual({ roleGrantsDeleted: 0, accountDeleted: 1 }); // citizen is implied, not granted

    for (const token of [me.token, other.token]) expect((await t.request('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await book(t, other, { pharmacyId: 'ph-r1' })).status).toBe(401);
    expect(await remaining()).toBe(before + 1);
    const row = await t.app.database.db.selectFrom('mask_reservations').select(['status', 'unit_returned']).where('id', '=', reservationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', unit_returned: 1 });
    expect(await t.app.database.db.selectFrom('persons').select('id').execute()).toEqual([]);

    const audit = await t.app.services.audit.forTarget('account', me.userId);
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['account.delete_requested', 'account.erase_step', 'account.deleted']));
    expect(actions.filter((a) => a === 'account.erase_step')).toHaveLength(13);
  });

  it('leaves no plaintext, ciphertext or hash of the ID numbers and names in MySQL or Redis, but in the registry', async () => {
    expect(needles.length).toBeGreaterThanOrEqual(10);
    const tables = await dumpMysql();
    for (const [table, text] of Object.entries(tables)) {
      if (RETAINED.includes(table)) continue;
      for (const needle of needles) expect({ table, found: text.includes(needle) ? needle : null }).toEqual({ table, found: null });
    }
    // The registry keeps its two hashes: that is the rule, and the check above is not vacuous.
    expect(tables.registry_entries).toContain(needles[needles.length - 5]);
    const keys = await dumpRedis();
    expect(keys.length).toBeGreaterThan(0);
    for (const needle of needles) expect(keys.includes(needle) ? needle : null).toBeNull();
    // What is left under the person's UUID (the booking's idempotency record, the hold's "done"
    // marker) names no one and expires on its own schedule.
    const left = keys.split('\n').map((l) => l.split(' ')[0]).filter((k) => k.includes(personId));
    for (const key of left) expect({ key, ttl: (await redis.pttl(key)) > 0 }).toEqual({ key, ttl: true });
  });

  it('lets the same person register again as new', async () => {
    const again = await t.loginDev('rights-me');
    expect(again.userId).not.toBe(me.userId);
    const bind = await t.request('POST', '/api/v1/identity', { token: again.token, body: ME });
    expect(bind.status).toBe(200);
    const newPerson = (await t.app.services.accounts.findById(again.userId))?.personId;
    expect(newPerson).toBeTruthy();
    expect(newPerson).not.toBe(personId);
    const fresh = await t.loginDev('rights-me');
    expect((await book(t, fresh, { pharmacyId: 'ph-r1' })).status).toBe(201);
    expect((await t.request('GET', '/api/v1/family', { token: fresh.token })).body.items).toEqual([]);
  });
});
