import { randomUUID } from 'node:crypto';
import { loadConfig } from '@govpass/config';
import { runAdminCommand } from '../../bff/src/cli/admin-commands';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The retention purge (docs/privacy.md): records kept after their purpose ended are deleted once
 * older than their period; nothing still running is touched, whatever its age; a run is audited
 * only when it deleted something. On MariaDB and on the embedded SQLite store.
 */
const DAY = 86_400_000;
const DAYS = { maskReservationDays: 100, hallTicketDays: 200, appointmentDays: 300, hallRatingDays: 400, erasureMarkDays: 10 };

describe.each(['real', 'embedded'] as const)('retention purge on %s', (mode) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(mode, { privacy: { retention: DAYS } });
  });
  afterAll(() => t.close());

  /** Rows `ageDays` old of every kind the purge knows, `live` ones (still running) and over ones. */
  async function seed(ageDays: number): Promise<Record<string, string[]>> {
    const db = t.app.database.db;
    const at = Date.now() - ageDays * DAY;
    const id = () => randomUUID();
    const ids: Record<string, string[]> = { overReservations: [id(), id(), id()], liveReservation: [id()], overTickets: [id(), id()], liveTicket: [id()], overAppointment: [id()], liveAppointment: [id()], rating: [id()], followUp: [id()], mark: [id()], lottery: [id()], liveLottery: [id()] };
    const reservation = (rid: string, status: 'redeemed' | 'expired' | 'cancelled' | 'reserved', n: number) => ({
      id: rid, round_id: id(), pharmacy_id: 'ph-1', person_id: id(), holder_person_id: id(), account_id: id(), pickup_date: '2026-01-01', quantity: 1,
      status, active_person_id: status === 'reserved' ? id() : null, idempotency_key: null, created_at: at, short_code: null, redeemed_at: null, redeemed_by: null, cancelled_at: null, expired_at: null, unit_returned: n,
    });
    await db.insertInto('mask_reservations').values([
      reservation(ids.overReservations[0], 'redeemed', 0),
      reservation(ids.overReservations[1], 'expired', 0),
      reservation(ids.overReservations[2], 'cancelled', 1),
      reservation(ids.liveReservation[0], 'reserved', 0),
    ]).execute();
    const application = (aid: string, result: 'lost' | null) => ({ id: aid, round_id: id(), pharmacy_id: 'ph-1', person_id: id(), holder_person_id: id(), account_id: id(), created_at: at, result, reservation_id: null });
    await db.insertInto('lottery_applications').values([application(ids.lottery[0], 'lost'), application(ids.liveLottery[0], null)]).execute();
    const ticket = (tid: string, state: string, seq: number) => ({
      id: tid, hall_id: 'hall-1', service_id: 'svc-1', day: '2026-01-01', seq, number: `A${seq}`, person_id: id(), taken_by: id(), channel: 'app', ticket_class: 'walk_in', priority: 'normal',
      appointment_id: null, state, rank_at: at, taken_at: at, arrived_at: at, called_at: null, started_at: null, finished_at: null, window_id: null, calls: 0, eta_p50_min: null, eta_p90_min: null, transferred_from: null, updated_at: at,
    });
    const seq = Math.floor(Math.random() * 1e6);
    await db.insertInto('hall_tickets').values([ticket(ids.overTickets[0], 'done', seq), ticket(ids.overTickets[1], 'cancelled', seq + 1), ticket(ids.liveTicket[0], 'waiting', seq + 2)]).execute();
    const appointment = (aid: string, status: string) => ({
      id: aid, hall_id: 'hall-1', service_id: 'svc-1', person_id: id(), account_id: id(), slot_key: `k-${aid}`, date: '2026-01-01', start_min: 540, end_min: 570, starts_at: at, ends_at: at,
      status, source: 'app', live: status === 'booked' ? 1 : null, idempotency_key: null, created_at: at, updated_at: at, checked_in_at: null,
    });
    await db.insertInto('appointments').values([appointment(ids.overAppointment[0], 'checked_in'), appointment(ids.liveAppointment[0], 'booked')]).execute();
    await db.insertInto('hall_ratings').values({ id: ids.rating[0], ticket_id: id(), person_id: id(), account_id: id(), hall_id: 'hall-1', service_id: 'svc-1', window_id: null, grade: 'dissatisfied', score: 2, tags: '', comment: null, visit_completed_at: at, created_at: at }).execute();
    await db.insertInto('hall_rating_follow_ups').values({ id: ids.followUp[0], rating_id: ids.rating[0], hall_id: 'hall-1', status: 'closed', due_at: at, note: null, closed_by: null, closed_at: at, created_at: at }).execute();
    await db.insertInto('account_erasures').values({ account_id: ids.mark[0], started_at: at }).execute();
    return ids;
  }

  async function present(ids: Record<string, string[]>): Promise<Record<string, number>> {
    const db = t.app.database.db;
    const count = async (q: Promise<unknown[]>) => (await q).length;
    return {
      overReservations: await count(db.selectFrom('mask_reservations').select('id').where('id', 'in', ids.overReservations).execute()),
      liveReservation: await count(db.selectFrom('mask_reservations').select('id').where('id', 'in', ids.liveReservation).execute()),
      lottery: await count(db.selectFrom('lottery_applications').select('id').where('id', 'in', [...ids.lottery, ...ids.liveLottery]).execute()),
      overTickets: await count(db.selectFrom('hall_tickets').select('id').where('id', 'in', ids.overTickets).execute()),
      liveTicket: await count(db.selectFrom('hall_tickets').select('id').where('id', 'in', ids.liveTicket).execute()),
      overAppointment: await count(db.selectFrom('appointments').select('id').where('id', 'in', ids.overAppointment).execute()),
      liveAppointment: await count(db.selectFrom('appointments').select('id').where('id', 'in', ids.liveAppointment).execute()),
      rating: await count(db.selectFrom('hall_ratings').select('id').where('id', 'in', ids.rating).execute()),
      followUp: await count(db.selectFrom('hall_rating_follow_ups').select('id').where('id', 'in', ids.followUp).execute()),
      mark: await count(db.selectFrom('account_erasures').select('account_id').where('account_id', 'in', ids.mark).execute()),
    };
  }

  async function cli(): Promise<{ code: number; out: string[] }> {
    const out: string[] = [];
    const code = await runAdminCommand(t.app, ['purge-retention'], (line) => out.push(line));
    return { code, out };
  }

  const purgeAudits = async () => (await t.app.database.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'privacy.retention_purge').execute());

  it('deletes what is past its period, keeps what is within it and everything still running; audits a run that deleted', async () => {
    const old = await seed(450);
    const recent = await seed(5);
    const before = (await purgeAudits()).length;

    const run = await cli();
    expect(run.code).toBe(0);
    expect(run.out).toEqual(expect.arrayContaining(['maskReservations: 3 deleted', 'lotteryApplications: 1 deleted', 'hallTickets: 2 deleted', 'appointments: 1 deleted', 'hallRatings: 1 deleted', 'erasureMarks: 1 deleted']));
    expect(await present(old)).toEqual({ overReservations: 0, liveReservation: 1, lottery: 1, overTickets: 0, liveTicket: 1, overAppointment: 0, liveAppointment: 1, rating: 0, followUp: 0, mark: 0 });
    expect(await present(recent)).toEqual({ overReservations: 3, liveReservation: 1, lottery: 2, overTickets: 2, liveTicket: 1, overAppointment: 1, liveAppointment: 1, rating: 1, followUp: 1, mark: 1 });
    const audits = await purgeAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits[audits.length - 1].actor).toMatch(/^cli:/);
    expect(JSON.parse(audits[audits.length - 1].details as string)).toMatchObject({ deleted: { maskReservations: 3, hallTickets: 2, erasureMarks: 1 }, days: { maskReservations: 100, hallTickets: 200, appointments: 300, hallRatings: 400, erasureMarks: 10 } });

    // Nothing left to delete: nothing audited.
    expect((await cli()).out).toEqual(expect.arrayContaining(['maskReservations: 0 deleted', 'erasureMarks: 0 deleted']));
    expect(await purgeAudits()).toHaveLength(before + 1);
  });

  it('each period follows its own setting (a mark 15 days old is past 10 days; a reservation 150 days old past 100)', async () => {
    const mid = await seed(150);
    await cli();
    expect(await present(mid)).toMatchObject({ overReservations: 0, lottery: 1, overTickets: 2, overAppointment: 1, rating: 1, mark: 0 });
  });
});

describe('retention config', () => {
  it('is checked at start: periods are whole days within bounds', () => {
    expect(() => loadConfig({ env: { NODE_ENV: 'test' }, overrides: { privacy: { retention: { ...DAYS, maskReservationDays: 0 } } } })).toThrow(/privacy\.retention\.maskReservationDays/);
    expect(() => loadConfig({ env: { NODE_ENV: 'test' }, overrides: { privacy: { retention: { ...DAYS, erasureMarkDays: 1.5 } } } })).toThrow(/privacy\.retention\.erasureMarkDays/);
    expect(loadConfig({ env: { NODE_ENV: 'test' } }).privacy.retention).toEqual({ maskReservationDays: 365, hallTicketDays: 365, appointmentDays: 365, hallRatingDays: 730, erasureMarkDays: 30 });
  });
});
