import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

let t: MasksTestApp;
let admin: Caller;
let lotteryRound: string;
const applicants: Caller[] = [];

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-01T10:00:00+08:00' });
  admin = await t.operator('ops-boss', 'admin');
  lotteryRound = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-lot')],
      round: { name: '抽签轮', opensAt: '2020-02-01T09:00:00+08:00', closesAt: '2020-02-01T12:00:00+08:00', pickupDate: '2020-02-02', mode: 'lottery' },
      quotas: [{ pharmacyId: 'ph-lot', quota: 1 }],
    })
  ).roundId as string;
  for (const [login, name] of [['lot-a', '赵一'], ['lot-b', '钱二'], ['lot-c', '孙三']]) applicants.push(await t.citizen(login, newPerson(name)));
  for (const a of applicants) expect((await book(t, a, { pharmacyId: 'ph-lot' })).status).toBe(202);
});
afterAll(() => t.close());

const api = (method: string, path: string, body?: unknown, token = admin.token) => t.request(method, `/api/v1/admin/masks${path}`, { token, body });

describe('admin API for mask operations (MariaDB + Redis)', () => {
  it('refuses to draw an open round, then draws once with the published seed, re-checkable', async () => {
    expect((await api('POST', `/rounds/${lotteryRound}/draw`, {})).status).toBe(409);
    t.clock.set('2020-02-01T12:30:00+08:00');
    const bad = await api('POST', `/rounds/${lotteryRound}/draw`, { seed: 'short' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const drawn = await api('POST', `/rounds/${lotteryRound}/draw`, { seed: 'published-seed-2020-02-01' });
    expect(drawn.status).toBe(200);
    expect(drawn.body).toMatchObject({ roundId: lotteryRound, seed: 'published-seed-2020-02-01', applications: 3, winners: 1, losers: 2 });
    const verified = await api('GET', `/rounds/${lotteryRound}/draw`);
    expect(verified.body).toMatchObject({ matches: true, seedMatchesPublished: true, mismatches: [] });
    expect((await api('POST', `/rounds/${lotteryRound}/draw`, { seed: 'another-seed-entirely' })).status).toBe(409);
    const audit = await t.app.services.audit.forTarget('mask_round', lotteryRound);
    expect(audit.map((a) => a.actor)).toContain(admin.userId);
  });

  it('reports the ledger as balanced, and the day as CSV', async () => {
    const ledger = await api('GET', '/ledger');
    expect(ledger.status).toBe(200);
    expect(ledger.body.violations).toEqual([]);
    expect(ledger.body.rows).toContainEqual(expect.objectContaining({ roundId: lotteryRound, pharmacyId: 'ph-lot', quota: 1, reserved: 1, outstanding: 1 }));
    expect((await api('GET', '/ledger?pickupDate=2020-13-01')).status).toBe(400);
    const report = await api('GET', '/reports?date=2020-02-02');
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/csv');
    expect(String(report.body)).toMatch(/ph-lot/);
  });

  it('expires the unredeemed winner after pickup day and rolls the unit into the next round', async () => {
    const next = (await adminSetup(t, admin, { round: { name: '下一轮', opensAt: '2020-02-03T09:00:00+08:00', closesAt: '2020-02-03T12:00:00+08:00' }, quotas: [{ pharmacyId: 'ph-lot', quota: 5 }] })).roundId;
    expect((await api('POST', `/rounds/${lotteryRound}/expire`)).status).toBe(409); // pickup day not over
    t.clock.set('2020-02-03T09:30:00+08:00');
    const expired = await api('POST', `/rounds/${lotteryRound}/expire`);
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ roundId: lotteryRound, expired: 1, rolledInto: next, rolled: [{ pharmacyId: 'ph-lot', units: 1 }] });
    expect((await api('POST', `/rounds/${lotteryRound}/expire`)).body.alreadyExpired).toBe(true);
    expect((await api('GET', '/ledger')).body.violations).toEqual([]);
  });

  it('is for administrators only', async () => {
    for (const [method, path] of [['GET', '/ledger'], ['POST', `/rounds/${lotteryRound}/draw`], ['GET', '/reports?date=2020-02-02']] as const) {
      const res = await api(method, path, method === 'POST' ? {} : undefined, applicants[0].token);
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });
});
