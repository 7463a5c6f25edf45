import { createHmac } from 'node:crypto';

/*
 * The mask lottery, as published to citizens and auditors. Anyone holding the round's seed and a
 * pharmacy's applicant list can recompute that pharmacy's result with any HMAC-SHA256 library:
 *
 *   1. Sort the applicants' person ids ascending by their UTF-8 bytes (for the ASCII ids used
 *      here that is plain lexicographic order). The order in which people applied plays no part.
 *   2. Random numbers: the k-th call (k = 0, 1, 2, … counted per pharmacy, rejected tries included)
 *      computes D_k = HMAC-SHA256(key = UTF-8(seed), message = UTF-8(pharmacyId + ":" + k)),
 *      k written in decimal without leading zeros, and reads D_k as an unsigned 256-bit big-endian
 *      integer X. To draw uniformly from 0 … n−1: if X < 2^256 − (2^256 mod n) the answer is
 *      X mod n, otherwise discard it and take the next k (exactly unbiased; in practice a discard
 *      never happens).
 *   3. Fisher–Yates, front to back: for i = 0 … len−2, j = i + uniform(len − i), swap a[i], a[j].
 *      The shuffled list is the pharmacy's ranking: a[0] was drawn first.
 *   4. Walk the ranking; each applicant eligible at the draw instant wins while fewer than
 *      `quota` have won; everyone else loses. (The service passes quota = quota + rolled_in, and
 *      counts as ineligible anyone who held an active reservation elsewhere at the draw instant.)
 *
 * Reference implementation in Python 3 (stdlib only):
 *
 *   import hmac, hashlib
 *   def ranking(seed, pharmacy_id, applicants):
 *       a = sorted(applicants, key=lambda s: s.encode())
 *       k = 0
 *       def uniform(n):
 *           nonlocal k
 *           limit = 2**256 - 2**256 % n
 *           while True:
 *               d = hmac.new(seed.encode(), f"{pharmacy_id}:{k}".encode(), hashlib.sha256).digest()
 *               k += 1
 *               x = int.from_bytes(d, "big")
 *               if x < limit: return x % n
 *       for i in range(len(a) - 1):
 *           j = i + uniform(len(a) - i)
 *           a[i], a[j] = a[j], a[i]
 *       return a
 *
 * The pharmacy id is in every message so each pharmacy's stream is independent: checking one
 * pharmacy needs only that pharmacy's list.
 */

const TWO_256 = 1n << 256n;

export interface LotteryPool {
  pharmacyId: string;
  /** Units to give away (the service passes quota + rolled_in). */
  quota: number;
  /** Person ids; order does not matter. */
  applicants: readonly string[];
}

export interface PharmacyDraw {
  pharmacyId: string;
  quota: number;
  /** Every applicant in drawn order (a[0] first). */
  ranking: string[];
  winners: string[];
  /** Everyone else, in ranking order; includes the ineligible. */
  losers: string[];
  /** Applicants passed over because they were ineligible, in ranking order. */
  ineligible: string[];
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Uniform integers in [0, n), from the pharmacy's HMAC counter stream (step 2). */
function uniformSource(seed: string, pharmacyId: string): (n: number) => number {
  const key = Buffer.from(seed, 'utf8');
  let k = 0;
  return (n) => {
    const bn = BigInt(n);
    const limit = TWO_256 - (TWO_256 % bn);
    for (;;) {
      const digest = createHmac('sha256', key).update(`${pharmacyId}:${k}`, 'utf8').digest('hex');
      k += 1;
      const x = BigInt(`0x${digest}`);
      if (x < limit) return Number(x % bn);
    }
  };
}

function assertInputs(seed: string, pharmacyId: string, applicants: readonly string[]): void {
  if (seed.length === 0) throw new TypeError('the lottery seed must not be empty');
  if (pharmacyId.length === 0) throw new TypeError('pharmacyId must not be empty');
  if (new Set(applicants).size !== applicants.length) throw new TypeError(`duplicate applicant at pharmacy ${pharmacyId}`);
}

/** Steps 1–3: the pharmacy's applicants in drawn order. */
export function lotteryRanking(seed: string, pharmacyId: string, applicants: readonly string[]): string[] {
  assertInputs(seed, pharmacyId, applicants);
  const a = [...applicants].sort(byUtf8);
  const uniform = uniformSource(seed, pharmacyId);
  for (let i = 0; i < a.length - 1; i += 1) {
    const j = i + uniform(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Step 4 for one pharmacy. */
export function drawPharmacy(seed: string, pool: LotteryPool, ineligible: ReadonlySet<string> = new Set()): PharmacyDraw {
  if (!Number.isSafeInteger(pool.quota) || pool.quota < 0) throw new RangeError(`quota of ${pool.pharmacyId} must be a non-negative integer`);
  const ranking = lotteryRanking(seed, pool.pharmacyId, pool.applicants);
  const draw: PharmacyDraw = { pharmacyId: pool.pharmacyId, quota: pool.quota, ranking, winners: [], losers: [], ineligible: [] };
  for (const person of ranking) {
    if (ineligible.has(person)) {
      draw.ineligible.push(person);
      draw.losers.push(person);
    } else if (draw.winners.length < pool.quota) {
      draw.winners.push(person);
    } else {
      draw.losers.push(person);
    }
  }
  return draw;
}

/** The whole round: one independent draw per pharmacy, in the order given. */
export function lotteryDraw(seed: string, pools: readonly LotteryPool[], ineligible: ReadonlySet<string> = new Set()): PharmacyDraw[] {
  const seen = new Set<string>();
  for (const p of pools) {
    if (seen.has(p.pharmacyId)) throw new TypeError(`pharmacy ${p.pharmacyId} appears twice`);
    seen.add(p.pharmacyId);
  }
  return pools.map((p) => drawPharmacy(seed, p, ineligible));
}
