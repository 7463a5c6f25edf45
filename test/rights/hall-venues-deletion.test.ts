import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DEMO_HALL_ID, seedDemoHall } from '../../bff/src/demo/demo-hall';
import { startAppointmentTestApp, type AppointmentTestApp } from '../appointments/appointment-test-app';
import { AT_HALL } from '../hall/support';
import { operatorWith } from '../venues/venue-test-support';

/**
 * Export and deletion reach the venues, the service-hall queue and appointments (MariaDB + Redis,
 * the hall registry and queue as app.ts wires them): a person with a check-in, an appointment in a
 * full slot, a waitlist entry, a waiting ticket and a rating → the export shows them → deletion
 * cancels the appointment (its place goes to the slot's first waiter), removes the waitlist entry,
 * cancels the ticket, keeps the check-in and the rating under UUIDs only (the comment erased) →
 * the old token exports nothing, and no table holds the person's name or ID number (hashes and
 * ciphertexts included) but the registry.
 */
const SVC = 'svc-id-card';
const DAY1 = '2026-12-08';
const DAY2 = '2026-12-09';
const COMMENT = '窗口的王师傅让我等了很久';

let t: AppointmentTestApp;
beforeAll(async () => {
  t = await startAppointmentTestApp('real', '2026-12-07T01:00:00Z', 'hall'); // Monday 09:00 China time
  await seedDemoHall(t.app);
});
afterAll(async () => {
  await t.close();
});

const book = (token: string, date: string, key: string) =>
  t.request('POST', '/api/v1/appointments', { token, headers: { 'idempotency-key': key }, body: { hallId: DEMO_HALL_ID, serviceId: SVC, date, start: '10:00' } });
const slot = async (date: string) => (await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/slots?serviceId=${SVC}&date=${date}`)).body.slots.find((s: { start: string }) => s.start === '10:00');

/** Every row of every table of the scratch database, as text per table. */
async function dumpMysql(): Promise<Record<string, string>> {
  const db = t.app.database.db;
  const tables = (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`.execute(db)).rows.map((r) => r.name);
  const out: Record<string, string> = {};
  for (const name of tables) out[name] = JSON.stringify((await sql`SELECT * FROM ${sql.table(name)}`.execute(db)).rows);
  return out;
}

describe('export and deletion across venues, the hall queue and appointments', () => {
  let me: Awaited<ReturnType<AppointmentTestApp['citizen']>>;
  let waiter: Awaited<ReturnType<AppointmentTestApp['citizen']>>;
  let appointmentId: string;
  let ticketId: string;
  let ratingId: string;
  let capacity: number;
  const needles: string[] = [];

  it('exports the check-in, the appointment, the waitlist entry, the ticket and the rating, readable', async () => {
    me = await t.citizen('rd-me', '欧阳晓雯');
    waiter = await t.citizen('rd-waiter', '周大为');
    capacity = (await slot(DAY1)).capacity;
    expect(capacity).toBeGreaterThan(0);
    expect(capacity).toBeLessThanOrEqual(10); // fillers below
    // Day 1: me and capacity − 1 others fill the 10:00 slot; the waiter waits for it.
    expect((await book(me.token, DAY1, 'rd-me-booking-1')).status).toBe(201);
    // Day 2: others fill the slot; me waits.
    for (let i = 0; i < capacity; i++) {
      const filler = await t.citizen(`rd-filler-${i}`, '李四');
      if (i < capacity - 1) expect((await book(filler.token, DAY1, `rd-filler1-${i}`)).status).toBe(201);
      expect((await book(filler.token, DAY2, `rd-filler2-${i}`)).status).toBe(201);
    }
    expect(await slot(DAY1)).toMatchObject({ available: 0 });
    const waits = await t.request('POST', '/api/v1/appointments/waitlist', { token: waiter.token, body: { hallId: DEMO_HALL_ID, serviceId: SVC, date: DAY1, start: '10:00' } });
    expect([waits.status, waits.body.entry?.status]).toEqual([201, 'waiting']);
    const mine = await t.request('POST', '/api/v1/appointments/waitlist', { token: me.token, body: { hallId: DEMO_HALL_ID, serviceId: SVC, date: DAY2, start: '10:00' } });
    expect([mine.status, mine.body.entry?.status]).toEqual([201, 'waiting']);
    appointmentId = (await t.app.database.db.selectFrom('appointments').select('id').where('person_id', '=', me.personId).executeTakeFirstOrThrow()).id;

    const ticket = await t.request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token: me.token, headers: { 'idempotency-key': 'rd-ticket-1' }, body: { mode: 'remote', serviceId: SVC, location: AT_HALL } });
    expect([ticket.status, ticket.body.ticket?.state]).toEqual([201, 'waiting']);
    ticketId = ticket.body.ticket.id;

    const admin = await operatorWith(t.app, 'admin');
    const venue = await t.request('POST', '/api/v1/venues', { token: admin.token, body: { id: 'v-rd-1', name: '逍遥津公园', address: '合肥市庐阳区寿春路1号', district: '庐阳区', type: 'shop', lat: 31.87, lng: 117.29 } });
    expect(venue.status).toBe(201);
    const checkin = await t.request('POST', '/api/v1/venues/checkins', { token: me.token, body: { venueCode: venue.body.poster.venueCode } });
    expect(checkin.status).toBe(200);
    await t.app.services.venues.checkinRuntime.drain();

    // A rating with a comment naming someone, and its follow-up (a past visit: rows as the rating service writes them).
    ratingId = randomUUID();
    const at = t.clock.now();
    await t.app.database.db.insertInto('hall_ratings').values({ id: ratingId, ticket_id: randomUUID(), person_id: me.personId, account_id: me.userId, hall_id: DEMO_HALL_ID, service_id: SVC, window_id: 'win-1', grade: 'dissatisfied', score: 2, tags: '等候太久', comment: COMMENT, visit_completed_at: at, created_at: at }).execute();
    await t.app.database.db.insertInto('hall_rating_follow_ups').values({ id: randomUUID(), rating_id: ratingId, hall_id: DEMO_HALL_ID, status: 'closed', due_at: at, note: `已致电${COMMENT}`, closed_by: admin.accountId, closed_at: at, created_at: at }).execute();

    const res = await t.request('GET', '/api/v1/me/export', { token: me.token });
    expect(res.status).toBe(200);
    const { sections } = res.body;
    expect(sections.venueCheckins).toEqual([{ venue: '逍遥津公园', address: '合肥市庐阳区寿春路1号', checkedInAt: new Date(at).toISOString() }]);
    expect(sections.hallTickets).toEqual([expect.objectContaining({ id: ticketId, hall: '合肥市政务服务中心', service: '居民身份证办理', number: expect.stringMatching(/^A\d{3}$/), state: 'waiting', takenAt: new Date(at).toISOString(), calledAt: null })]);
    expect(sections.hallAppointments.appointments).toEqual([expect.objectContaining({ id: appointmentId, hall: '合肥市政务服务中心', service: '居民身份证办理', date: DAY1, time: expect.stringMatching(/^10:00-/), status: 'booked' })]);
    expect(sections.hallAppointments.waitlist).toEqual([expect.objectContaining({ date: DAY2, status: 'waiting' })]);
    expect(sections.hallAppointments.ratings).toEqual([expect.objectContaining({ id: ratingId, grade: 'dissatisfied', tags: ['等候太久'], comment: COMMENT })]);
  });

  it('deletes: appointment cancelled and its place given to the waiter, waitlist entry gone, ticket cancelled, check-in and rating kept under UUIDs', async () => {
    const persons = await t.app.database.db.selectFrom('persons').selectAll().where('id', '=', me.personId).execute();
    expect(persons).toHaveLength(1);
    needles.push(persons[0].id_hash, persons[0].id_cipher, persons[0].name_cipher, '欧阳晓雯', COMMENT);

    const res = await t.request('DELETE', `/api/v1/me?confirmation=${encodeURIComponent('确认注销')}`, { token: me.token });
    expect(res.status).toBe(200);
    const counts = Object.fromEntries(res.body.steps.map((s: { domain: string; counts: Record<string, number> }) => [s.domain, s.counts]));
    expect(counts.appointments).toEqual({ waitlistEntriesRemoved: 1, cancelled: 1, blocksDeleted: 0, ratingCommentsErased: 1 });
    expect(counts.hall).toEqual({ ticketsCancelled: 1 });
    expect(counts.venues).toEqual({ checkinsKeptPseudonymised: 1 });

    const db = t.app.database.db;
    expect((await db.selectFrom('appointments').select('status').where('id', '=', appointmentId).executeTakeFirstOrThrow()).status).toBe('cancelled');
    // The freed place went to the waiter, as an appointment; the slot stays exactly full.
    const offered = await t.request('GET', '/api/v1/appointments', { token: waiter.token });
    expect(offered.body.items).toEqual([expect.objectContaining({ date: DAY1, status: 'booked', source: 'waitlist' })]);
    expect(await slot(DAY1)).toMatchObject({ capacity, booked: capacity, available: 0, waiting: 0 });
    expect(await db.selectFrom('appointment_waitlist').select('id').where('person_id', '=', me.personId).execute()).toEqual([]);
    expect((await db.selectFrom('hall_tickets').select('state').where('id', '=', ticketId).executeTakeFirstOrThrow()).state).toBe('cancelled');
    expect((await t.app.services.hall.tickets.load(ticketId)).state).toBe('cancelled'); // the queue's copy too
    expect(await db.selectFrom('venue_checkins').select('person_id').execute()).toEqual([{ person_id: me.personId }]);
    expect(await db.selectFrom('hall_ratings').select(['score', 'comment']).where('id', '=', ratingId).executeTakeFirstOrThrow()).toEqual({ score: 2, comment: '（账号已注销，内容已删除）' });

    expect((await t.request('GET', '/api/v1/me/export', { token: me.token })).status).toBe(401);
  });

  it('is safe to run again (a retry after a failure part-way): nothing more to do', async () => {
    const again = await t.app.services.rights.deleteAccount({ accountId: me.userId, personId: me.personId }, '确认注销');
    const counts = Object.fromEntries(again.steps.map((s) => [s.domain, s.counts]));
    expect([counts.appointments, counts.hall]).toEqual([{ waitlistEntriesRemoved: 0, cancelled: 0, blocksDeleted: 0, ratingCommentsErased: 0 }, { ticketsCancelled: 0 }]);
    expect(await slot(DAY1)).toMatchObject({ capacity, booked: capacity, available: 0 });
  });

  it('frees the place for another person once the waiter cancels, and a new account of the same person starts empty', async () => {
    const offered = (await t.request('GET', '/api/v1/appointments', { token: waiter.token })).body.items[0];
    expect((await t.request('DELETE', `/api/v1/appointments/${offered.id}`, { token: waiter.token })).status).toBe(200);
    const another = await t.citizen('rd-another', '吴三');
    expect((await book(another.token, DAY1, 'rd-another-booking-1')).status).toBe(201);
    const again = await t.loginDevAs('rd-me');
    const exported = await t.request('GET', '/api/v1/me/export', { token: again.token });
    expect(exported.status).toBe(200);
    expect([exported.body.sections.venueCheckins, exported.body.sections.hallTickets, exported.body.sections.hallAppointments.appointments]).toEqual([[], [], []]);
  });

  it('leaves no name, ID-number ciphertext or hash, nor the rating comment, in any table but the registry', async () => {
    expect(needles).toHaveLength(5);
    const tables = await dumpMysql();
    for (const [table, text] of Object.entries(tables)) {
      if (table === 'registry_entries') continue;
      for (const needle of needles) expect({ table, found: text.includes(needle) ? needle : null }).toEqual({ table, found: null });
    }
    expect(tables.hall_ratings).toContain(ratingId); // kept, pseudonymised: the check above is not vacuous
  });
});
