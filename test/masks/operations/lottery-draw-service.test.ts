import { AuditLog, type AuditEntry } from '../../../bff/src/domains/audit/audit-log';
import { lotteryDraw } from '../../../bff/src/domains/masks/operations/lottery-draw';
import { LotteryDrawService } from '../../../bff/src/domains/masks/operations/lottery-draw-service';
import { OpsFixture, cst } from './operations-fixture';

let f: OpsFixture;
let clock = cst('2020-02-03 20:05');
const now = () => clock;

const LOTTERY = { id: 'r-lottery', opens: '2020-02-03 08:00', closes: '2020-02-03 20:00', pickupDate: '2020-02-04', mode: 'lottery' as const, quantityPerPerson: 3 };
const SEED = 'shanghai-composite-close-2020-02-03:2746.61';
const A_APPLICANTS = ['p-a1', 'p-a2', 'p-a3', 'p-a4', 'p-a5', 'p-busy'];
const B_APPLICANTS = ['p-b1', 'p-b2', 'p-b3'];

/** Fails the results transaction once, as a crash between publishing the seed and the results would. */
class FailingOnceAudit extends AuditLog {
  failNext = false;
  override async record(entry: AuditEntry, trx?: Parameters<AuditLog['record']>[1]): Promise<void> {
    if (this.failNext && entry.action === 'mask.lottery.draw') {
      this.failNext = false;
      throw new Error('simulated crash while writing results');
    }
    return super.record(entry, trx);
  }
}

let audit: FailingOnceAudit;
let service: LotteryDrawService;

beforeAll(async () => {
  f = await OpsFixture.open(now);
  audit = new FailingOnceAudit(f.db, now);
  service = new LotteryDrawService(f.db, f.hotPath, audit, now, f.applicantRef);
  await f.pharmacies('ph-a', 'ph-b', 'ph-c');
  // p-busy booked in an earlier first-come round and has not collected yet: ineligible at the draw.
  await f.round({ id: 'r-earlier', opens: '2020-02-03 06:00', closes: '2020-02-03 07:00', pickupDate: '2020-02-04' }, { 'ph-c': 5 });
  await f.book('r-earlier', 'ph-c', 'p-busy', cst('2020-02-03 06:30'));
  await f.round(LOTTERY, { 'ph-a': 2, 'ph-b': 1, 'ph-c': 4 });
  await f.db.updateTable('mask_quotas').set({ rolled_in: 1 }).where('round_id', '=', LOTTERY.id).where('pharmacy_id', '=', 'ph-b').execute();
  for (const p of A_APPLICANTS) await f.apply(LOTTERY.id, 'ph-a', p, cst('2020-02-03 09:00'));
  for (const p of B_APPLICANTS) await f.apply(LOTTERY.id, 'ph-b', p, cst('2020-02-03 10:00'));
});
afterAll(() => f?.close());

async function applications() {
  return f.db.selectFrom('lottery_applications').selectAll().where('round_id', '=', LOTTERY.id).orderBy('person_id').execute();
}

describe('LotteryDrawService (MariaDB + in-process hot path)', () => {
  it('refuses before the round closes, and refuses first-come rounds', async () => {
    clock = cst('2020-02-03 19:59');
    await expect(service.draw(LOTTERY.id, 'cli:ops')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/still taking applications/) });
    clock = cst('2020-02-03 20:05');
    await expect(service.draw('r-earlier', 'cli:ops')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/not a lottery/) });
    await expect(service.draw('no-such', 'cli:ops')).rejects.toMatchObject({ status: 404, code: 'ROUND_NOT_FOUND' });
    await expect(service.verifyDraw(LOTTERY.id)).rejects.toMatchObject({ status: 409 });
    expect((await applications()).every((a) => a.result === null)).toBe(true);
  });

  it('publishes the seed before any result: after a crash the seed stays, cannot be replaced, and the draw resumes with it', async () => {
    audit.failNext = true;
    await expect(service.draw(LOTTERY.id, 'cli:ops', { seed: SEED })).rejects.toThrow(/simulated crash/);
    const round = await f.db.selectFrom('mask_rounds').selectAll().where('id', '=', LOTTERY.id).executeTakeFirstOrThrow();
    expect(round).toMatchObject({ lottery_seed: SEED, drawn_at: null });
    expect((await applications()).every((a) => a.result === null)).toBe(true);
    expect(await f.db.selectFrom('mask_reservations').select('id').where('round_id', '=', LOTTERY.id).execute()).toEqual([]);
    expect(await f.auditActions(LOTTERY.id)).toEqual(['mask.lottery.seed']);
    await expect(service.draw(LOTTERY.id, 'cli:ops', { seed: 'a-better-seed' })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/cannot be replaced/) });
  });

  it('draws: every application gets won/lost, winners get reservations and hot-path holds, results are the published algorithm', async () => {
    const outcome = await service.draw(LOTTERY.id, 'cli:ops');
    expect(outcome).toMatchObject({ seed: SEED, drawnAt: clock, applications: 9, winners: 4, losers: 5, ineligible: 1, hotPath: { synced: true } });
    expect(outcome.pharmacies).toEqual([
      { pharmacyId: 'ph-a', units: 2, applicants: 6, winners: 2, ineligible: 1 },
      { pharmacyId: 'ph-b', units: 2, applicants: 3, winners: 2, ineligible: 0 },
      { pharmacyId: 'ph-c', units: 4, applicants: 0, winners: 0, ineligible: 0 },
    ]);

    // The draw ranks keyed applicant references (published), not person ids.
    const ref = (p: string) => f.applicantRef(LOTTERY.id, p);
    const expected = lotteryDraw(SEED, [
      { pharmacyId: 'ph-a', quota: 2, applicants: A_APPLICANTS.map(ref) },
      { pharmacyId: 'ph-b', quota: 2, applicants: B_APPLICANTS.map(ref) },
    ], new Set([ref('p-busy')]));
    expect(expected[0].ineligible).toEqual([ref('p-busy')]);
    const winners = new Set(expected.flatMap((d) => d.winners));
    const apps = await applications();
    for (const a of apps) {
      const want = winners.has(ref(a.person_id)) ? 'won' : a.person_id === 'p-busy' ? 'ineligible' : 'lost';
      expect({ person: a.person_id, result: a.result }).toEqual({ person: a.person_id, result: want });
    }
    // Passed over for the reservation held elsewhere, and told so (not just "lost").
    expect(apps.find((a) => a.person_id === 'p-busy')).toMatchObject({ result: 'ineligible', ineligible_reason: 'HELD_RESERVATION', reservation_id: null });

    const reservations = await f.db.selectFrom('mask_reservations').selectAll().where('round_id', '=', LOTTERY.id).execute();
    expect(reservations).toHaveLength(4);
    for (const r of reservations) {
      expect(r).toMatchObject({ status: 'reserved', active_person_id: r.person_id, pickup_date: '2020-02-04', quantity: 3, created_at: clock });
      const app = apps.find((a) => a.person_id === r.person_id);
      expect(app).toMatchObject({ result: 'won', reservation_id: r.id, pharmacy_id: r.pharmacy_id, account_id: r.account_id });
      expect((await f.hotPath.personState(r.person_id, clock)).activeReservationId).toBe(r.id);
    }
    expect(await f.hotPath.remaining(LOTTERY.id, ['ph-a', 'ph-b', 'ph-c'])).toEqual({ 'ph-a': 0, 'ph-b': 0, 'ph-c': 4 });
    expect(await f.auditActions(LOTTERY.id)).toEqual(['mask.lottery.seed', 'mask.lottery.draw']);
  });

  it('draws only once', async () => {
    await expect(service.draw(LOTTERY.id, 'cli:ops')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already drawn/) });
  });

  it('verifyDraw recomputes the stored results from the stored seed and applicants', async () => {
    expect(await service.verifyDraw(LOTTERY.id)).toMatchObject({ matches: true, seedMatchesPublished: true, seed: SEED, applications: 9, mismatches: [] });
    // Later events (the ineligible person collecting, a winner redeeming) do not change the verdict.
    await f.redeem('r-earlier', 'p-busy', cst('2020-02-04 09:00'));
    expect((await service.verifyDraw(LOTTERY.id)).matches).toBe(true);
  });

  it('detects a tampered result, a forged reservation and a replaced seed', async () => {
    const apps = await applications();
    const winner = apps.find((a) => a.result === 'won') as (typeof apps)[number];
    const loser = apps.find((a) => a.result === 'lost') as (typeof apps)[number];

    await f.db.updateTable('lottery_applications').set({ result: 'lost' }).where('id', '=', winner.id).execute();
    const tampered = await service.verifyDraw(LOTTERY.id);
    expect(tampered.matches).toBe(false);
    expect(tampered.mismatches).toEqual([{ applicationId: winner.id, pharmacyId: winner.pharmacy_id, personId: winner.person_id, problem: 'stored result lost, the draw gives won' }]);
    await f.db.updateTable('lottery_applications').set({ result: 'won' }).where('id', '=', winner.id).execute();

    await f.db.updateTable('lottery_applications').set({ result: 'won' }).where('id', '=', loser.id).execute();
    expect((await service.verifyDraw(LOTTERY.id)).mismatches).toEqual([expect.objectContaining({ applicationId: loser.id, problem: 'stored result won, the draw gives lost' })]);
    await f.db.updateTable('lottery_applications').set({ result: 'lost' }).where('id', '=', loser.id).execute();

    await f.db
      .insertInto('mask_reservations')
      .values({ id: 'forged', round_id: LOTTERY.id, pharmacy_id: 'ph-a', person_id: loser.person_id, holder_person_id: loser.person_id, account_id: 'x', pickup_date: '2020-02-04', quantity: 3, status: 'redeemed', active_person_id: null, idempotency_key: null, created_at: clock })
      .execute();
    expect((await service.verifyDraw(LOTTERY.id)).mismatches).toEqual([expect.objectContaining({ applicationId: null, problem: 'reservation forged belongs to no winning application' })]);
    await f.db.deleteFrom('mask_reservations').where('id', '=', 'forged').execute();

    await f.db.updateTable('mask_rounds').set({ lottery_seed: 'another-seed' }).where('id', '=', LOTTERY.id).execute();
    expect(await service.verifyDraw(LOTTERY.id)).toMatchObject({ matches: false, seedMatchesPublished: false });
    await f.db.updateTable('mask_rounds').set({ lottery_seed: SEED }).where('id', '=', LOTTERY.id).execute();
    expect((await service.verifyDraw(LOTTERY.id)).matches).toBe(true);
  });

  it('generates a random 256-bit seed when none is given, and lets everyone win when units suffice', async () => {
    const round = { ...LOTTERY, id: 'r-lottery-2', opens: '2020-02-05 08:00', closes: '2020-02-05 20:00', pickupDate: '2020-02-06' };
    await f.round(round, { 'ph-c': 10 });
    for (const p of ['q1', 'q2', 'q3']) await f.apply(round.id, 'ph-c', p, cst('2020-02-05 09:00'));
    clock = cst('2020-02-05 20:00');
    const outcome = await service.draw(round.id, 'cli:ops');
    expect(outcome.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome).toMatchObject({ winners: 3, losers: 0 });
    expect((await f.db.selectFrom('mask_rounds').select('lottery_seed').where('id', '=', round.id).executeTakeFirstOrThrow()).lottery_seed).toBe(outcome.seed);
    expect((await service.verifyDraw(round.id)).matches).toBe(true);
    await expect(service.draw(round.id, 'cli:ops', { seed: 'x\u0001' })).rejects.toMatchObject({ status: 409 });
  });

  it('rejects an unpublishable seed', async () => {
    const round = { ...LOTTERY, id: 'r-lottery-3', opens: '2020-02-07 08:00', closes: '2020-02-07 20:00', pickupDate: '2020-02-08' };
    await f.round(round, { 'ph-c': 1 });
    clock = cst('2020-02-07 21:00');
    await expect(service.draw(round.id, 'cli:ops', { seed: 'tab\there' })).rejects.toMatchObject({ status: 400 });
    await expect(service.draw(round.id, 'cli:ops', { seed: 'x'.repeat(129) })).rejects.toMatchObject({ status: 400 });
  });

  it('turns a booking that races the draw into a retryable 409 that wrote nothing', async () => {
    const round = { ...LOTTERY, id: 'r-lottery-4', opens: '2020-02-09 08:00', closes: '2020-02-09 20:00', pickupDate: '2020-02-10' };
    await f.round(round, { 'ph-c': 1 });
    await f.apply(round.id, 'ph-c', 'p-race', cst('2020-02-09 09:00'));
    clock = cst('2020-02-09 20:10');
    // Stamped after the draw instant (another BFF's clock runs ahead): not seen as ineligible, but MySQL's unique hold refuses the winner.
    await f.db
      .insertInto('mask_reservations')
      .values({ id: 'race', round_id: 'r-earlier', pharmacy_id: 'ph-c', person_id: 'p-race', holder_person_id: 'p-race', account_id: 'x', pickup_date: '2020-02-10', quantity: 5, status: 'reserved', active_person_id: 'p-race', idempotency_key: null, created_at: clock + 60_000 })
      .execute();
    await expect(service.draw(round.id, 'cli:ops', { seed: 'race-seed' })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/booked elsewhere during the draw/) });
    expect(await f.db.selectFrom('mask_rounds').select(['lottery_seed', 'drawn_at']).where('id', '=', round.id).executeTakeFirstOrThrow()).toEqual({ lottery_seed: 'race-seed', drawn_at: null });
    expect(await f.db.selectFrom('lottery_applications').select('result').where('round_id', '=', round.id).execute()).toEqual([{ result: null }]);

    clock = cst('2020-02-09 20:12');
    expect(await service.draw(round.id, 'cli:ops')).toMatchObject({ seed: 'race-seed', winners: 0, ineligible: 1 });
    expect((await service.verifyDraw(round.id)).matches).toBe(true);
  });
});
