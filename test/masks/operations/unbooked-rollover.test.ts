import { expireRound, type ExpiryDeps } from '../../../bff/src/domains/masks/operations/expire-round';
import { checkLedger } from '../../../bff/src/domains/masks/operations/ledger';
import { LotteryDrawService } from '../../../bff/src/domains/masks/operations/lottery-draw-service';
import { OpsFixture, cst } from './operations-fixture';

/*
 * Units nobody booked (an under-subscribed lottery pharmacy: quota 10, 7 applicants) used to stay
 * in the closed round for good. They roll into the next round with the uncollected ones, the
 * ledger shows them as unbooked_out, and a repeated expire answers the first outcome.
 */
let f: OpsFixture;
let deps: ExpiryDeps;
const LOT = { id: 'lot', opens: '2020-04-01 08:00', closes: '2020-04-01 20:00', pickupDate: '2020-04-02', mode: 'lottery' as const };
const NEXT = { id: 'next', opens: '2020-04-03 08:00', closes: '2020-04-03 20:00', pickupDate: '2020-04-04' };

beforeAll(async () => {
  f = await OpsFixture.open();
  deps = { db: f.db, hotPath: f.hotPath, audit: f.audit };
  await f.pharmacies('ph-under', 'ph-full');
  await f.round(LOT, { 'ph-under': 10, 'ph-full': 1 });
  await f.round(NEXT, { 'ph-under': 4 });
  for (let i = 0; i < 7; i += 1) await f.apply('lot', 'ph-under', `u${i}`, cst('2020-04-01 09:00'));
  for (const p of ['x1', 'x2']) await f.apply('lot', 'ph-full', p, cst('2020-04-01 09:00'));
  await new LotteryDrawService(f.db, f.hotPath, f.audit, () => cst('2020-04-01 20:05'), f.applicantRef).draw('lot', 'cli:ops', { seed: 'under-subscribed' });
  for (const p of ['u0', 'u1', 'u2', 'u3', 'u4']) await f.redeem('lot', p, cst('2020-04-02 10:00'));
});
afterAll(() => f?.close());

describe('unbooked units roll over', () => {
  it('sends the 3 never-booked units on with the 2 uncollected ones, and the ledger balances with unbooked_out', async () => {
    const at = cst('2020-04-03 00:30');
    const outcome = await expireRound(deps, 'lot', at, 'cli:ops');
    expect(outcome).toMatchObject({ expired: 3, rolledInto: 'next' });
    expect(outcome.rolled).toEqual([
      { pharmacyId: 'ph-full', units: 1, uncollected: 1, unbooked: 0 },
      { pharmacyId: 'ph-under', units: 5, uncollected: 2, unbooked: 3 },
    ]);
    expect(await f.quotas('next')).toEqual({ 'ph-full': { quota: 0, rolledIn: 1 }, 'ph-under': { quota: 4, rolledIn: 5 } });
    expect(await f.hotPath.remaining('next', ['ph-under'])).toEqual({ 'ph-under': 9 });
    // The closed round's counter no longer claims units it gave away.
    expect(await f.hotPath.remaining('lot', ['ph-under'])).toEqual({ 'ph-under': 0 });

    const ledger = await checkLedger(f.db, f.hotPath);
    expect(ledger.violations).toEqual([]);
    expect(ledger.rows.find((r) => r.roundId === 'lot' && r.pharmacyId === 'ph-under')).toMatchObject({ quota: 10, unbookedOut: 3, reserved: 7, redeemed: 5, expired: 2, remaining: 0 });
    expect(ledger.rows.find((r) => r.roundId === 'next' && r.pharmacyId === 'ph-under')).toMatchObject({ quota: 4, rolledIn: 5, remaining: 9 });
  });

  it('answers a repeated expire with the first outcome (a retry after a lost answer learns where the units went)', async () => {
    const again = await expireRound(deps, 'lot', cst('2020-04-03 09:00'), 'cli:ops');
    expect(again).toMatchObject({ alreadyExpired: true, expired: 0, expiredAt: cst('2020-04-03 00:30'), rolledInto: 'next' });
    expect(again.rolled).toEqual([
      { pharmacyId: 'ph-full', units: 1, uncollected: 1, unbooked: 0 },
      { pharmacyId: 'ph-under', units: 5, uncollected: 2, unbooked: 3 },
    ]);
    expect(await f.quotas('next')).toEqual({ 'ph-full': { quota: 0, rolledIn: 1 }, 'ph-under': { quota: 4, rolledIn: 5 } });
    expect((await checkLedger(f.db, f.hotPath)).violations).toEqual([]);
  });

  it('flags units that vanished: an unbooked_out nobody received', async () => {
    await f.db.updateTable('mask_quotas').set({ rolled_in: 2 }).where('round_id', '=', 'next').where('pharmacy_id', '=', 'ph-under').execute();
    try {
      const violations = (await checkLedger(f.db, f.hotPath)).violations.filter((v) => v.rule === 'carry');
      expect(violations).toEqual([{ rule: 'carry', roundId: 'next', pharmacyId: 'ph-under', detail: 'rolled_in 2, but earlier rounds passed 5 unit(s) (uncollected + unbooked) into it' }]);
    } finally {
      await f.db.updateTable('mask_quotas').set({ rolled_in: 5 }).where('round_id', '=', 'next').where('pharmacy_id', '=', 'ph-under').execute();
    }
  });
});
