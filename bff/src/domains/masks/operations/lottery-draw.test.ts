import { createHmac } from 'node:crypto';
import { drawPharmacy, lotteryDraw, lotteryRanking } from './lottery-draw';

const APPLICANTS = Array.from({ length: 10 }, (_, i) => `p-${String(i + 1).padStart(2, '0')}`);
const SEED = 'govpass-2020-02-03';

function shuffled<T>(items: T[]): T[] {
  return [...items].sort(() => Math.random() - 0.5);
}

describe('lotteryRanking / lotteryDraw (pure, published algorithm)', () => {
  it('matches the golden vector (computed independently with the Python reference in the header)', () => {
    expect(lotteryRanking(SEED, 'ph-001', APPLICANTS)).toEqual(['p-10', 'p-06', 'p-08', 'p-04', 'p-01', 'p-09', 'p-05', 'p-03', 'p-07', 'p-02']);
    expect(lotteryRanking(SEED, 'ph-002', APPLICANTS)).toEqual(['p-01', 'p-05', 'p-09', 'p-03', 'p-08', 'p-10', 'p-04', 'p-07', 'p-02', 'p-06']);
    expect(lotteryRanking('seed-b', 'ph-001', APPLICANTS)).toEqual(['p-10', 'p-05', 'p-08', 'p-06', 'p-04', 'p-02', 'p-03', 'p-07', 'p-09', 'p-01']);
  });

  it('uses HMAC-SHA256(seed, "<pharmacyId>:<k>") as the stream (first block pinned, as openssl prints it)', () => {
    const d0 = createHmac('sha256', SEED).update('ph-001:0').digest('hex');
    expect(d0).toBe('f3ccd64d4a7cfce267c9052421c4fc2f7728d73e0e20270905daa012aac25c37');
    // 0xf3cc…37 mod 10 = 9: the first swap brings the last of the sorted list (p-10) to the front.
    expect(BigInt(`0x${d0}`) % 10n).toBe(9n);
  });

  it('is deterministic: same seed and applicants give the same winners whatever the input order', () => {
    const a = drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 4, applicants: APPLICANTS });
    for (let i = 0; i < 5; i += 1) {
      expect(drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 4, applicants: shuffled(APPLICANTS) })).toEqual(a);
    }
    expect(a.winners).toEqual(['p-10', 'p-06', 'p-08', 'p-04']);
    expect(a.losers).toEqual(['p-01', 'p-09', 'p-05', 'p-03', 'p-07', 'p-02']);
  });

  it('gives a different result for a different seed', () => {
    const a = drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 3, applicants: APPLICANTS });
    const b = drawPharmacy(`${SEED}x`, { pharmacyId: 'ph-001', quota: 3, applicants: APPLICANTS });
    expect(b.ranking).not.toEqual(a.ranking);
    expect(b.ranking.slice().sort()).toEqual(APPLICANTS);
  });

  it('lets everybody win when the quota covers every applicant; nobody when it is 0', () => {
    const all = drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 10, applicants: APPLICANTS });
    expect(all.winners.slice().sort()).toEqual(APPLICANTS);
    expect(all.losers).toEqual([]);
    expect(drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 50, applicants: APPLICANTS }).winners).toHaveLength(10);
    expect(drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 0, applicants: APPLICANTS }).winners).toEqual([]);
    expect(drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 3, applicants: [] })).toMatchObject({ winners: [], losers: [] });
    expect(drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 3, applicants: ['solo'] }).winners).toEqual(['solo']);
  });

  it('passes over ineligible applicants and gives their unit to the next in the ranking', () => {
    const d = drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: 3, applicants: APPLICANTS }, new Set(['p-06']));
    expect(d.winners).toEqual(['p-10', 'p-08', 'p-04']);
    expect(d.ineligible).toEqual(['p-06']);
    expect(d.losers).toContain('p-06');
    expect(d.winners.length + d.losers.length).toBe(10);
  });

  it('draws each pharmacy independently of the others', () => {
    const alone = drawPharmacy(SEED, { pharmacyId: 'ph-002', quota: 2, applicants: APPLICANTS.slice(0, 5) });
    const [, together] = lotteryDraw(SEED, [
      { pharmacyId: 'ph-001', quota: 2, applicants: APPLICANTS.slice(5) },
      { pharmacyId: 'ph-002', quota: 2, applicants: APPLICANTS.slice(0, 5) },
    ]);
    expect(together).toEqual(alone);
  });

  it('is roughly uniform: over many seeds every applicant wins about quota/n of the time', () => {
    const wins = new Map(APPLICANTS.map((p) => [p, 0]));
    const trials = 2000;
    for (let t = 0; t < trials; t += 1) {
      for (const w of drawPharmacy(`s${t}`, { pharmacyId: 'ph-001', quota: 3, applicants: APPLICANTS }).winners) wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    for (const n of wins.values()) expect(Math.abs(n / trials - 0.3)).toBeLessThan(0.05);
  });

  it('refuses malformed input', () => {
    expect(() => lotteryRanking('', 'ph-001', APPLICANTS)).toThrow(/seed/);
    expect(() => lotteryRanking(SEED, 'ph-001', ['a', 'a'])).toThrow(/duplicate/);
    expect(() => drawPharmacy(SEED, { pharmacyId: 'ph-001', quota: -1, applicants: [] })).toThrow(RangeError);
    expect(() => lotteryDraw(SEED, [{ pharmacyId: 'x', quota: 1, applicants: [] }, { pharmacyId: 'x', quota: 1, applicants: [] }])).toThrow(/twice/);
  });
});
