import { formatShortCode, SHORT_CODE_SPACE, valueOfShortCode } from '@govpass/shared-types';
import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/*
 * The short numeric 取货码 at the counter, on the real app (MariaDB, Redis for sessions, rate
 * limits and the lock), with both hot paths: unique per pharmacy × day under concurrency, only at
 * that pharmacy on that day, wrong ones limited per pharmacist and audited.
 */
describe.each(['redis', 'memory'] as const)('short 取货码 at the counter (%s hot path)', (mode) => {
  let t: MasksTestApp;
  let counterA: Caller;
  let counterA2: Caller;
  let counterB: Caller;

  async function bookAt(login: string, pharmacyId: string, ready?: Caller) {
    const citizen = ready ?? (await t.citizen(`${mode}-${login}`, newPerson('陈静')));
    const key = `key-${mode}-${login}`;
    const res = await book(t, citizen, { pharmacyId }, key);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return { citizen, key, body: res.body };
  }

  const redeemShort = (counter: Caller, shortCode: string) => t.request('POST', '/api/v1/pharmacy/redemptions', { token: counter.token, body: { shortCode } });
  /** A code with a valid check digit that no booking has (the space is 10⁹, a few are taken). */
  const unusedCode = (n: number) => {
    const body = String(123_456_000 + n).padStart(9, '0');
    for (let d = 0; d < 10; d++) if (valueOfShortCode(body + d) !== null) return body + d;
    throw new Error('no check digit');
  };
  const auditOf = (actor: string) =>
    t.app.database.db.selectFrom('audit_log').selectAll().where('actor', '=', actor).where('action', 'like', 'mask.redeem.short-code%').orderBy('id').execute();

  beforeAll(async () => {
    t = await startMasksTestApp({ start: '2020-02-02T09:30:00+08:00', hotPath: mode });
    const admin = await t.operator(`${mode}-boss`, 'admin');
    counterA = await t.operator(`${mode}-pharmacist-a`, 'pharmacist', 'ph-a');
    counterA2 = await t.operator(`${mode}-pharmacist-a2`, 'pharmacist', 'ph-a');
    counterB = await t.operator(`${mode}-pharmacist-b`, 'pharmacist', 'ph-b');
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-a'), PHARMACY('ph-b')],
      round: { name: '第一轮', opensAt: '2020-02-02T09:00:00+08:00', closesAt: '2020-02-02T20:00:00+08:00' },
      quotas: [
        { pharmacyId: 'ph-a', quota: 100 },
        { pharmacyId: 'ph-b', quota: 100 },
      ],
    });
  }, 60_000);
  afterAll(() => t?.close());

  let first: Awaited<ReturnType<typeof bookAt>>;
  let codesA: string[] = [];

  it('gives every booking its own 10-digit code, also under 40 concurrent bookings; replays and 我的预约 carry the same one', async () => {
    first = await bookAt('first', 'ph-a');
    expect(first.body.shortCode).toMatch(/^\d{10}$/);
    const citizens: Caller[] = [];
    for (let i = 0; i < 40; i++) citizens.push(await t.citizen(`${mode}-many-${i}`, newPerson('陈静')));
    const many = await Promise.all(citizens.map((c, i) => bookAt(`many-${i}`, i % 4 === 0 ? 'ph-b' : 'ph-a', c)));
    codesA = [first, ...many.filter((_, i) => i % 4 !== 0)].map((b) => b.body.shortCode as string);
    expect(new Set(codesA).size).toBe(codesA.length);
    // A replay with the same Idempotency-Key answers the same code.
    const again = await book(t, first.citizen, { pharmacyId: 'ph-a' }, first.key);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ reservation: { id: first.body.reservation.id }, shortCode: first.body.shortCode });
    await t.drainOutbox();
    const mine = await t.request('GET', '/api/v1/masks/reservations', { token: first.citizen.token });
    expect(mine.body.items[0]).toMatchObject({ id: first.body.reservation.id, shortCode: first.body.shortCode });
    const rows = await t.app.database.db.selectFrom('mask_reservations').select(['pharmacy_id', 'short_code']).execute();
    expect(rows.every((r) => /^\d{10}$/.test(r.short_code ?? ''))).toBe(true);
    expect(new Set(rows.map((r) => `${r.pharmacy_id}:${r.short_code}`)).size).toBe(rows.length);
  }, 60_000);

  it('is refused before the pickup day: a code of tomorrow is not found today (and counts as a miss)', async () => {
    const res = await redeemShort(counterA2, first.body.shortCode as string);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'SHORT_CODE_NOT_FOUND', details: { failures: 1 } });
  });

  it('redeems on the pickup day at its pharmacy, typed with spaces; once', async () => {
    t.clock.set('2020-02-03T10:00:00+08:00');
    const res = await redeemShort(counterA, formatShortCode(first.body.shortCode as string));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ holderName: '陈*', quantity: 5, reservation: { id: first.body.reservation.id, status: 'redeemed' } });
    const again = await redeemShort(counterA, first.body.shortCode as string);
    expect(again.body.error.code).toBe('ALREADY_REDEEMED');
    const audit = await t.app.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', first.body.reservation.id).where('action', '=', 'mask.redeem').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details as string)).toMatchObject({ method: 'short-code' });
  });

  it('is not accepted at another pharmacy (not found there), nor once the pickup day has passed', async () => {
    const res = await redeemShort(counterB, codesA[1]);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('SHORT_CODE_NOT_FOUND');
    t.clock.set('2020-02-04T10:00:00+08:00');
    const late = await redeemShort(counterA2, codesA[2]);
    expect(late.body.error.code).toBe('SHORT_CODE_NOT_FOUND');
    t.clock.set('2020-02-03T10:00:00+08:00');
  });

  it('refuses a typo (wrong check digit) as 400 without counting it as a guess', async () => {
    const typo = codesA[3].slice(0, 9) + String((Number(codesA[3][9]) + 1) % 10);
    const res = await redeemShort(counterA, typo);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await auditOf(counterA.userId)).toHaveLength(0);
  });

  it('limits wrong codes per pharmacist: the 10th in a minute locks typing (429 + Retry-After), each miss and the lock audited; the odds stay negligible', async () => {
    const quota = t.app.config.rateLimit.shortCodeMissesPerMinute;
    const lockMinutes = t.app.config.rateLimit.shortCodeLockMinutes;
    const answers: number[] = [];
    for (let i = 0; i < quota; i++) answers.push((await redeemShort(counterA, unusedCode(i))).status);
    expect(answers).toEqual([...Array(quota - 1).fill(404), 429]);
    const locked = await redeemShort(counterA, codesA[4]);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('SHORT_CODE_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(lockMinutes * 60 - 10);
    // Another pharmacist of the same pharmacy is not locked, and scanning still works for everyone.
    expect((await redeemShort(counterA2, codesA[4])).status).toBe(200);
    const audit = await auditOf(counterA.userId);
    expect(audit.map((a) => a.action)).toEqual([...Array(quota).fill('mask.redeem.short-code-miss'), 'mask.redeem.short-code-lockout']);
    expect(audit.every((a) => a.target_id === 'ph-a' && !/\d{10}|\d{17}[\dX]/.test(String(a.details)))).toBe(true);

    // The odds: a pharmacist gets at most `quota` wrong tries per (1 minute + lock); each try hits
    // one of the day's outstanding codes at this pharmacy with probability outstanding / 10⁹.
    expect(quota / SHORT_CODE_SPACE).toBeLessThanOrEqual(1e-8);
    const triesPerDay = Math.ceil((24 * 60) / (1 + lockMinutes)) * quota;
    const outstanding = 2_000; // a busy pharmacy's whole day
    const perDay = 1 - (1 - outstanding / SHORT_CODE_SPACE) ** triesPerDay;
    console.log(`short codes: ${quota} wrong tries / min, then ${lockMinutes} min locked → ≤ ${triesPerDay} tries a day; P(hit one of ${outstanding} codes in a day) = ${perDay.toExponential(2)}`);
    expect(perDay).toBeLessThan(0.01);
  }, 60_000);
});
