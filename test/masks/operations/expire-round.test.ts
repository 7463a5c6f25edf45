import { expireRound, expiryDue, runDueExpiries, type ExpiryDeps } from '../../../bff/src/domains/masks/operations/expire-round';
import { LotteryDrawService } from '../../../bff/src/domains/masks/operations/lottery-draw-service';
import { OpsFixture, cst } from './operations-fixture';

let f: OpsFixture;
let deps: ExpiryDeps;

const R1 = { id: 'r1', opens: '2020-02-01 08:00', closes: '2020-02-01 20:00', pickupDate: '2020-02-02' };
// Opens on the pickup day of r1 and closes before it ends: too early to receive r1's units.
const R2 = { id: 'r2', opens: '2020-02-02 08:00', closes: '2020-02-02 20:00', pickupDate: '2020-02-03' };
const R3 = { id: 'r3', opens: '2020-02-03 08:00', closes: '2020-02-03 20:00', pickupDate: '2020-02-04' };

beforeAll(async () => {
  f = await OpsFixture.open();
  deps = { db: f.db, hotPath: f.hotPath, audit: f.audit };
  await f.pharmacies('ph-a', 'ph-b', 'ph-c');
  await f.round(R1, { 'ph-a': 3, 'ph-b': 2 });
  await f.round(R2, { 'ph-a': 1 });
  await f.round(R3, { 'ph-a': 1, 'ph-c': 1 });
  for (const p of ['p1', 'p2', 'p3']) await f.book('r1', 'ph-a', p, cst('2020-02-01 08:00'));
  await f.book('r1', 'ph-b', 'p4', cst('2020-02-01 08:01'));
  await f.redeem('r1', 'p1', cst('2020-02-02 10:00'));
});
afterAll(() => f?.close());

describe('expireRound and rollover (MariaDB + in-process hot path)', () => {
  it('knows when pickup is over (China time), honouring a longer code validity', () => {
    expect(expiryDue({ pickupDate: '2020-02-02' }, cst('2020-02-02 23:59'))).toBe(false);
    expect(expiryDue({ pickupDate: '2020-02-02' }, cst('2020-02-03 00:00'))).toBe(true);
    expect(expiryDue({ pickupDate: '2020-02-02' }, cst('2020-02-03 00:00'), 2)).toBe(false);
    expect(expiryDue({ pickupDate: '2020-02-02' }, cst('2020-02-04 00:00'), 2)).toBe(true);
  });

  it('refuses during the pickup day and changes nothing', async () => {
    await expect(expireRound(deps, 'r1', cst('2020-02-02 23:00'), 'cli:ops')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/until the end of 2020-02-02/) });
    expect((await f.reservationOf('r1', 'p2')).status).toBe('reserved');
    expect(await f.auditActions('r1')).toEqual([]);
  });

  it('expires the outstanding, drops their holds and rolls each pharmacy’s units into the next open round', async () => {
    const at = cst('2020-02-03 00:30');
    expect((await f.hotPath.personState('p2', at)).activeReservationId).not.toBeNull();
    // r3's counters are live already (quotas set ahead): they are bumped too.
    expect(await f.hotPath.remaining('r3', ['ph-a', 'ph-b'])).toEqual({ 'ph-a': 1 });

    const outcome = await expireRound(deps, 'r1', at, 'cli:ops');
    expect(outcome).toEqual({
      roundId: 'r1',
      alreadyExpired: false,
      expiredAt: at,
      expired: 3,
      rolledInto: 'r3',
      // ph-b had 2 units: one booked and not collected, one never booked — both go on.
      rolled: [
        { pharmacyId: 'ph-a', units: 2, uncollected: 2, unbooked: 0 },
        { pharmacyId: 'ph-b', units: 2, uncollected: 1, unbooked: 1 },
      ],
      hotPath: { synced: true },
    });

    for (const p of ['p2', 'p3', 'p4']) {
      expect(await f.reservationOf('r1', p)).toMatchObject({ status: 'expired', active_person_id: null, expired_at: at });
      expect((await f.hotPath.personState(p, at)).activeReservationId).toBeNull();
    }
    expect(await f.reservationOf('r1', 'p1')).toMatchObject({ status: 'redeemed', expired_at: null });
    expect((await f.db.selectFrom('mask_rounds').select('expired_at').where('id', '=', 'r1').executeTakeFirstOrThrow()).expired_at).toBe(at);

    // r2 closed before the units were free; r3 gets them (ph-b had no quota there: it gets a row).
    expect(await f.quotas('r2')).toEqual({ 'ph-a': { quota: 1, rolledIn: 0 } });
    expect(await f.quotas('r3')).toEqual({ 'ph-a': { quota: 1, rolledIn: 2 }, 'ph-b': { quota: 0, rolledIn: 2 }, 'ph-c': { quota: 1, rolledIn: 0 } });
    expect(await f.hotPath.remaining('r3', ['ph-a', 'ph-b'])).toEqual({ 'ph-a': 3 });

    const [record] = await f.audit.forTarget('mask_round', 'r1');
    expect(record).toMatchObject({ actor: 'cli:ops', action: 'mask.round.expire', details: { expired: 3, rolledInto: 'r3', units: 4, unbooked: 1, pharmacies: 2 } });
  });

  it('lets expired holders book again — and the rolled-in units are bookable', async () => {
    const at = cst('2020-02-03 08:00');
    const booked = [];
    for (const p of ['p2', 'p3', 'p4']) booked.push(await f.book('r3', 'ph-a', p, at));
    expect(booked.map((b) => b.remaining)).toEqual([2, 1, 0]);
    expect(await f.reservationOf('r3', 'p2')).toMatchObject({ status: 'reserved', active_person_id: 'p2' });
    // p1 redeemed: the repeat period still applies to them.
    await expect(f.book('r3', 'ph-c', 'p1', at)).rejects.toMatchObject({ code: 'REPEAT_PERIOD' });
  });

  it('is idempotent: a second call changes nothing and answers where the first one sent the units', async () => {
    const before = { quotas: await f.quotas('r3'), audit: await f.auditActions('r1'), live: await f.hotPath.remaining('r3', ['ph-a']) };
    const again = await expireRound(deps, 'r1', cst('2020-02-03 09:00'), 'cli:ops');
    expect(again).toEqual({
      roundId: 'r1',
      alreadyExpired: true,
      expired: 0,
      expiredAt: cst('2020-02-03 00:30'),
      rolledInto: 'r3',
      rolled: [
        { pharmacyId: 'ph-a', units: 2, uncollected: 2, unbooked: 0 },
        { pharmacyId: 'ph-b', units: 2, uncollected: 1, unbooked: 1 },
      ],
      hotPath: { synced: true },
    });
    expect({ quotas: await f.quotas('r3'), audit: await f.auditActions('r1'), live: await f.hotPath.remaining('r3', ['ph-a']) }).toEqual(before);
    // The re-sent hold drops do not touch the new bookings' holds.
    expect((await f.hotPath.personState('p2', cst('2020-02-03 09:00'))).activeReservationId).toBe((await f.reservationOf('r3', 'p2')).id);
  });

  it('runDueExpiries: waits while no round can take the units, then expires; never touches rounds still in pickup', async () => {
    // r3 has outstanding bookings and nothing after it yet.
    const nightAfter = cst('2020-02-05 00:10');
    const first = await runDueExpiries(deps, nightAfter);
    // Nothing was booked in r2, but its unit must not be lost either: it waits too.
    expect(first.expired).toEqual([]);
    expect(first.waiting).toEqual([
      { roundId: 'r2', reason: expect.stringMatching(/1 unit\(s\) left \(uncollected or never booked\) and no later round/) },
      { roundId: 'r3', reason: expect.stringMatching(/6 unit\(s\) left/) },
    ]);
    expect((await f.reservationOf('r3', 'p2')).status).toBe('reserved');
    expect(await f.auditActions('r3')).toEqual([]);

    await f.round({ id: 'r4', opens: '2020-02-05 08:00', closes: '2020-02-05 20:00', pickupDate: '2020-02-06' }, { 'ph-a': 2 }, { counters: false });
    const second = await runDueExpiries(deps, cst('2020-02-05 00:20'), 'system:scheduler');
    expect(second).toMatchObject({
      waiting: [],
      expired: [
        { roundId: 'r2', expired: 0, rolledInto: 'r4', rolled: [{ pharmacyId: 'ph-a', units: 1, uncollected: 0, unbooked: 1 }] },
        {
          roundId: 'r3',
          expired: 3,
          rolledInto: 'r4',
          rolled: [
            { pharmacyId: 'ph-a', units: 3, uncollected: 3, unbooked: 0 },
            { pharmacyId: 'ph-b', units: 2, uncollected: 0, unbooked: 2 },
            { pharmacyId: 'ph-c', units: 1, uncollected: 0, unbooked: 1 },
          ],
        },
      ],
    });
    expect(await f.quotas('r4')).toEqual({ 'ph-a': { quota: 2, rolledIn: 4 }, 'ph-b': { quota: 0, rolledIn: 2 }, 'ph-c': { quota: 0, rolledIn: 1 } });
    // r4 has no counters yet: the opening will derive them from quota + rolled_in.
    expect(await f.hotPath.hasCounters('r4', 'ph-a')).toBe(false);
    expect((await f.audit.forTarget('mask_round', 'r3'))[0]).toMatchObject({ actor: 'system:scheduler' });
    expect((await runDueExpiries(deps, cst('2020-02-05 00:30'))).expired).toEqual([]);
  });

  it('waits for an undrawn lottery, then expires its unredeemed winners', async () => {
    const clock = () => cst('2020-02-06 20:30');
    await f.round({ id: 'r5', opens: '2020-02-06 08:00', closes: '2020-02-06 20:00', pickupDate: '2020-02-07', mode: 'lottery' }, { 'ph-b': 1 });
    await f.round({ id: 'r6', opens: '2020-02-08 08:00', closes: '2020-02-08 20:00', pickupDate: '2020-02-09' }, { 'ph-b': 1 });
    await f.apply('r5', 'ph-b', 'p9', cst('2020-02-06 09:00'));
    await expect(expireRound(deps, 'r5', cst('2020-02-08 00:10'), 'cli:ops')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/lottery that has not been drawn/) });
    await new LotteryDrawService(f.db, f.hotPath, f.audit, clock, f.applicantRef).draw('r5', 'cli:ops', { seed: 'seed' });
    const outcome = await expireRound(deps, 'r5', cst('2020-02-08 00:10'), 'cli:ops');
    expect(outcome).toMatchObject({ expired: 1, rolledInto: 'r6', rolled: [{ pharmacyId: 'ph-b', units: 1 }] });
    expect((await f.hotPath.personState('p9', cst('2020-02-08 00:10'))).activeReservationId).toBeNull();
    expect(await f.hotPath.remaining('r6', ['ph-b'])).toEqual({ 'ph-b': 2 });
  });

  it('reports 404 for an unknown round', async () => {
    await expect(expireRound(deps, 'nope', cst('2020-03-01 00:00'), 'cli:ops')).rejects.toMatchObject({ status: 404 });
  });
});
