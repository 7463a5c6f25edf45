import { expireRound } from '../../../bff/src/domains/masks/operations/expire-round';
import { checkLedger, formatLedger, pharmacyReportCsv, type LedgerResult } from '../../../bff/src/domains/masks/operations/ledger';
import { LotteryDrawService } from '../../../bff/src/domains/masks/operations/lottery-draw-service';
import { parseCsv } from '../../../bff/src/core/parse-csv';
import { OpsFixture, cst } from './operations-fixture';

let f: OpsFixture;
const R1 = { id: 'r1', opens: '2020-02-01 08:00', closes: '2020-02-01 20:00', pickupDate: '2020-02-02' };
const R2 = { id: 'r2', opens: '2020-02-03 08:00', closes: '2020-02-03 20:00', pickupDate: '2020-02-04', mode: 'lottery' as const };
const NAME_A = '老百姓大药房（"中山路"店）, 二楼';

/** A day of operations: bookings, a sell-out, cancellations with and without return, redemptions, expiry, a lottery. */
beforeAll(async () => {
  f = await OpsFixture.open();
  await f.pharmacies('ph-a', 'ph-b');
  await f.db.updateTable('pharmacies').set({ name: NAME_A }).where('id', '=', 'ph-a').execute();
  await f.round(R1, { 'ph-a': 4, 'ph-b': 3 });
  await f.round(R2, { 'ph-a': 2, 'ph-b': 1 });

  for (const p of ['p1', 'p2', 'p3', 'p4']) await f.book('r1', 'ph-a', p, cst('2020-02-01 08:00'));
  await expect(f.book('r1', 'ph-a', 'p7', cst('2020-02-01 08:01'))).rejects.toMatchObject({ code: 'SOLD_OUT' });
  await f.cancel('r1', 'p2', cst('2020-02-01 09:00'), true); // round open: the unit goes back
  await f.book('r1', 'ph-a', 'p8', cst('2020-02-01 09:30'));
  await f.book('r1', 'ph-b', 'p5', cst('2020-02-01 10:00'));
  await f.book('r1', 'ph-b', 'p6', cst('2020-02-01 10:00'));
  await f.cancel('r1', 'p5', cst('2020-02-01 21:00'), false); // round closed: the unit stays used
  await f.redeem('r1', 'p1', cst('2020-02-02 10:00'));
  await f.redeem('r1', 'p6', cst('2020-02-02 11:00'));
  await expireRound({ db: f.db, hotPath: f.hotPath, audit: f.audit }, 'r1', cst('2020-02-03 00:30'), 'cli:ops'); // p3, p4, p8

  for (const p of ['p3', 'p9', 'p10', 'p11']) await f.apply('r2', 'ph-a', p, cst('2020-02-03 09:00'));
  for (const p of ['p2', 'p12', 'p13']) await f.apply('r2', 'ph-b', p, cst('2020-02-03 09:00'));
  await new LotteryDrawService(f.db, f.hotPath, f.audit, () => cst('2020-02-03 20:05'), f.applicantRef).draw('r2', 'cli:ops', { seed: 'ledger-test' });
  await f.redeem('r2', 'p9', cst('2020-02-04 09:00'));
  await f.cancel('r2', 'p10', cst('2020-02-04 09:30'), false);
});
afterAll(() => f?.close());

const row = (l: LedgerResult, roundId: string, pharmacyId: string) => l.rows.find((r) => r.roundId === roundId && r.pharmacyId === pharmacyId);

describe('ledger (MariaDB + in-process hot path)', () => {
  it('holds after the day, with the expected figures and live counters', async () => {
    const ledger = await checkLedger(f.db, f.hotPath);
    expect(ledger.violations).toEqual([]);
    expect(ledger.notes).toEqual([]);
    expect(ledger.rows.map((r) => [r.roundId, r.pharmacyId])).toEqual([['r1', 'ph-a'], ['r1', 'ph-b'], ['r2', 'ph-a'], ['r2', 'ph-b']]);
    expect(row(ledger, 'r1', 'ph-a')).toMatchObject({ quota: 4, rolledIn: 0, reserved: 4, redeemed: 1, expired: 3, cancelled: 0, cancelledReturned: 1, outstanding: 0, remaining: 0, remainingSource: 'hot-path' });
    // ph-b: one unit never booked in r1 went on to r2 (unbooked_out), where the lottery gave it away.
    expect(row(ledger, 'r1', 'ph-b')).toMatchObject({ quota: 3, rolledIn: 0, unbookedOut: 1, reserved: 2, redeemed: 1, expired: 0, cancelled: 1, outstanding: 0, remaining: 0, remainingSource: 'hot-path' });
    // ph-a: 3 uncollected units of r1 rolled in; all 4 applicants won; one redeemed, one cancelled late.
    expect(row(ledger, 'r2', 'ph-a')).toMatchObject({ quota: 2, rolledIn: 3, reserved: 4, redeemed: 1, expired: 0, cancelled: 1, outstanding: 2, remaining: 1, remainingSource: 'hot-path' });
    expect(row(ledger, 'r2', 'ph-b')).toMatchObject({ quota: 1, rolledIn: 1, unbookedOut: 0, reserved: 2, outstanding: 2, remaining: 0 });
  });

  it('formats a table and a verdict', async () => {
    const lines = formatLedger(await checkLedger(f.db, f.hotPath));
    expect(lines[0]).toMatch(/^round\s+pharmacy\s+quota\s+rolled_in\s+unbooked_out\s+reserved\s+redeemed\s+expired\s+cancelled\s+outstanding\s+remaining\s+source$/);
    expect(lines[2]).toMatch(/^r1\s+ph-a\s+4\s+0\s+0\s+4\s+1\s+3\s+0\s+0\s+0\s+hot-path$/);
    expect(lines.at(-1)).toBe('ledger holds: 4 row(s), no violations');
  });

  it('says when remaining is derived (no counters, e.g. after a flush) and still catches overselling', async () => {
    const flushed = f.emptyHotPath();
    const ledger = await checkLedger(f.db, flushed);
    expect(ledger.violations).toEqual([]);
    expect(ledger.rows.every((r) => r.remainingSource === 'derived')).toBe(true);
    expect(ledger.notes[0]).toMatch(/derived.*by construction/);
    expect(formatLedger(ledger).at(-1)).toMatch(/^note: remaining marked "derived"/);

    await f.db.updateTable('mask_quotas').set({ quota: 3 }).where('round_id', '=', 'r1').where('pharmacy_id', '=', 'ph-a').execute();
    try {
      expect((await checkLedger(f.db, flushed)).violations).toEqual([{ rule: 'oversold', roundId: 'r1', pharmacyId: 'ph-a', detail: 'remaining -1: 1 more unit(s) reserved than supplied' }]);
    } finally {
      await f.db.updateTable('mask_quotas').set({ quota: 4 }).where('round_id', '=', 'r1').where('pharmacy_id', '=', 'ph-a').execute();
    }
  });

  it('reports a hidden redemption (row tampered into a returned cancellation)', async () => {
    const p1 = await f.reservationOf('r1', 'p1');
    await f.db.updateTable('mask_reservations').set({ status: 'cancelled', unit_returned: 1, cancelled_at: 1 }).where('id', '=', p1.id).execute();
    try {
      expect((await checkLedger(f.db, f.hotPath)).violations).toEqual([
        { rule: 'supply', roundId: 'r1', pharmacyId: 'ph-a', detail: 'quota 4 + rolled_in 0 = 4, but reserved 3 + unbooked_out 0 + remaining 0 = 3' },
      ]);
    } finally {
      await f.db.updateTable('mask_reservations').set({ status: 'redeemed', unit_returned: 0, cancelled_at: null }).where('id', '=', p1.id).execute();
    }
  });

  it('reports a counter moved in the hot path', async () => {
    await f.hotPath.setRemaining('r1', 'ph-b', 5);
    try {
      expect((await checkLedger(f.db, f.hotPath)).violations).toEqual([
        { rule: 'supply', roundId: 'r1', pharmacyId: 'ph-b', detail: 'quota 3 + rolled_in 0 = 3, but reserved 2 + unbooked_out 1 + remaining 5 = 8' },
      ]);
    } finally {
      await f.hotPath.setRemaining('r1', 'ph-b', 0);
    }
  });

  it('reports units that vanished between rounds (rolled_in not matching the expiries)', async () => {
    await f.db.updateTable('mask_quotas').set({ rolled_in: 2 }).where('round_id', '=', 'r2').where('pharmacy_id', '=', 'ph-a').execute();
    await f.hotPath.setRemaining('r2', 'ph-a', 0); // even with the counter "fixed" to match
    try {
      expect((await checkLedger(f.db, f.hotPath)).violations).toEqual([{ rule: 'carry', roundId: 'r2', pharmacyId: 'ph-a', detail: 'rolled_in 2, but earlier rounds passed 3 unit(s) (uncollected + unbooked) into it' }]);
    } finally {
      await f.db.updateTable('mask_quotas').set({ rolled_in: 3 }).where('round_id', '=', 'r2').where('pharmacy_id', '=', 'ph-a').execute();
      await f.hotPath.setRemaining('r2', 'ph-a', 1);
    }
  });

  it('reports inconsistent rows: a hold without its person, an unknown status', async () => {
    const p3 = await f.reservationOf('r2', 'p3');
    const p11 = await f.reservationOf('r2', 'p11');
    await f.db.updateTable('mask_reservations').set({ active_person_id: null }).where('id', '=', p3.id).execute();
    await f.db.updateTable('mask_reservations').set({ status: 'lost' as never, active_person_id: null }).where('id', '=', p11.id).execute();
    try {
      const { violations } = await checkLedger(f.db, f.hotPath);
      expect(violations).toEqual([
        { rule: 'outcomes', roundId: 'r2', pharmacyId: 'ph-a', detail: 'reserved 4 ≠ redeemed 1 + expired 0 + cancelled 1 + outstanding 1 = 3 (unknown status: lost)' },
        { rule: 'row', roundId: 'r2', pharmacyId: 'ph-a', detail: '1 reservation row(s) whose active_person_id or unit_returned contradicts their status' },
      ]);
      expect(formatLedger({ rows: [], violations, notes: [] })).toContain('  [outcomes] round r2 pharmacy ph-a: reserved 4 ≠ redeemed 1 + expired 0 + cancelled 1 + outstanding 1 = 3 (unknown status: lost)');
    } finally {
      await f.db.updateTable('mask_reservations').set({ active_person_id: 'p3' }).where('id', '=', p3.id).execute();
      await f.db.updateTable('mask_reservations').set({ status: 'reserved', active_person_id: 'p11' }).where('id', '=', p11.id).execute();
    }
    expect((await checkLedger(f.db, f.hotPath)).violations).toEqual([]);
  });

  it('writes the daily per-pharmacy CSV for a pickup date, quoting names', async () => {
    const csv = await pharmacyReportCsv(f.db, '2020-02-02', f.hotPath);
    expect(csv).toBe(
      [
        'pharmacy_id,pharmacy_name,round_id,round_name,pickup_date,quota,rolled_in,unbooked_out,reserved,redeemed,expired,cancelled,outstanding,remaining,remaining_source',
        'ph-a,"老百姓大药房（""中山路""店）, 二楼",r1,r1,2020-02-02,4,0,0,4,1,3,0,0,0,hot-path',
        'ph-b,药店 ph-b,r1,r1,2020-02-02,3,0,1,2,1,0,1,0,0,hot-path',
        '',
      ].join('\r\n'),
    );
    expect(parseCsv(csv)[1].fields[1]).toBe(NAME_A);
    const lottery = parseCsv(await pharmacyReportCsv(f.db, '2020-02-04'));
    expect(lottery.map((r) => r.fields.slice(0, 3).concat(r.fields.slice(5)))).toEqual([
      ['pharmacy_id', 'pharmacy_name', 'round_id', 'quota', 'rolled_in', 'unbooked_out', 'reserved', 'redeemed', 'expired', 'cancelled', 'outstanding', 'remaining', 'remaining_source'],
      ['ph-a', NAME_A, 'r2', '2', '3', '0', '4', '1', '0', '1', '2', '1', 'derived'],
      ['ph-b', '药店 ph-b', 'r2', '1', '1', '0', '2', '0', '0', '0', '2', '0', 'derived'],
    ]);
    expect(await pharmacyReportCsv(f.db, '2020-03-01')).toBe('pharmacy_id,pharmacy_name,round_id,round_name,pickup_date,quota,rolled_in,unbooked_out,reserved,redeemed,expired,cancelled,outstanding,remaining,remaining_source\r\n');
  });
});
