import type { Cluster } from 'ioredis';
import { pharmacyShard, shardKeys } from '../../bff/src/domains/masks/hot-path/mask-keys';
import { bookingBurst, countBy, errorCauses, type BurstResult } from '../support/booking-burst';
import { clusterScript, FAILOVER_PORTS, failoverStorage, mastersWithSlots, rejoinedAsReplica } from '../support/failover-cluster';
import { failoverSuite } from './failover-suite';
import {
  createCitizens,
  masterOfKey,
  outboxBacklog,
  pollUntil,
  report,
  setUpRound,
  startSurgeApp,
  uniqueSurgePrefix,
  type SurgeApp,
} from '../masks/surge/surge-support';

/**
 * Issue 16: a master of the 3-master + 3-replica cluster SIGKILLed in the middle of a booking
 * burst. The cluster promotes its replica within ≈ 3 s (cluster-node-timeout 2 s); meanwhile and
 * after, the BFF must answer only 201, 409 SOLD_OUT or 503 STORE_UNAVAILABLE with Retry-After —
 * never a 500 (raw MOVED / "Too many Cluster redirections" / NOSCRIPT used to be) — and citizens
 * retrying with the same Idempotency-Key end with 201 or SOLD_OUT. The outbox drains without a
 * restart of anything, and MySQL holds exactly the answered bookings.
 *
 * 409 IN_PROGRESS (a pending hold of an attempt whose answer was a 503) is the person-hold lease's
 * business (issue 16, "holds"): tolerated and reported here, not failed on.
 */
const PEOPLE = 900;
const RATE = 150; // arrivals per second: the burst lasts ≈ 6 s, the kill lands at 1.5 s
const KILL_AT_MS = 1500;
const QUOTA = 100;

const prefix = uniqueSurgePrefix('failover');
let s: SurgeApp;
const admin = failoverSuite(prefix, () => s);

/** 6 pharmacies on distinct shards: 3 on the victim master, the others spread over the other two. */
async function placePharmacies(cluster: Cluster): Promise<{ victim: string; ids: string[] }> {
  const picked: { id: string; master: string }[] = [];
  const shards = new Set<number>();
  let victim: string | null = null;
  for (let n = 0; picked.length < 6 && n < 2000; n++) {
    const id = `fo-ph-${n}`;
    const shard = pharmacyShard(id);
    if (shards.has(shard)) continue;
    const master = await masterOfKey(cluster, prefix + shardKeys(shard).outbox);
    victim ??= master;
    const onVictim = picked.filter((p) => p.master === victim).length;
    if (master === victim ? onVictim >= 3 : picked.length - onVictim >= 3) continue;
    shards.add(shard);
    picked.push({ id, master });
  }
  if (picked.length < 6 || victim === null) throw new Error(`could not place pharmacies: ${JSON.stringify(picked)}`);
  return { victim, ids: picked.map((p) => p.id) };
}


it(`a master SIGKILLed mid-burst (${PEOPLE} citizens, 6 × ${QUOTA} units): no 500, only 503 + Retry-After, everyone ends 201 or SOLD_OUT, the outbox drains, 201s = rows`, async () => {
  const { victim, ids } = await placePharmacies(admin());
  const victimPort = Number(victim.split(':')[1]);
  s = await startSurgeApp({ kind: 'cluster', prefix, overrides: failoverStorage(prefix), maxSockets: 200 });
  const roundId = await setUpRound(s, { pharmacies: ids.map((id) => ({ id, quota: QUOTA })) });
  const citizens = await createCitizens(s.app, PEOPLE);

  let drainedAfterKillMs = -1;
  const t0 = Date.now();
  const drainedAt = async () => {
    const backlog = () => outboxBacklog(admin(), prefix).catch(() => -1);
    await pollUntil('outbox drained during the burst', backlog, (n) => n === 0, 10_000, 100);
    drainedAfterKillMs = Date.now() - t0 - KILL_AT_MS;
  };
  const burst: BurstResult = await bookingBurst(s, citizens, (i) => ids[i % ids.length], {
    ratePerSecond: RATE,
    deadlineMs: 20_000,
    at: [
      { ms: KILL_AT_MS, run: async () => void (await clusterScript('kill', victimPort)) },
      // Arrivals end at PEOPLE / RATE s: from then on the backlog must fall to 0 by itself.
      { ms: (PEOPLE / RATE) * 1000, run: () => drainedAt() },
    ],
  });
  const answered = countBy(burst.answers, (a) => `${a.status} ${a.code}`.trim());
  const finals = countBy(burst.finals, (f) => `${f.status} ${f.code}`.trim());
  report(`failover: victim ${victim}; actions ${burst.actions.join('; ')}; every answer ${JSON.stringify(answered)}; finals ${JSON.stringify(finals)}; last final at ${burst.lastFinalMs} ms`);
  const fiveHundreds = burst.answers.filter((a) => a.status >= 500 && a.status !== 503);
  if (fiveHundreds.length > 0) report(`500s: ${fiveHundreds.length}; errors logged ${JSON.stringify(errorCauses(s.logs()))}`);

  expect(fiveHundreds).toEqual([]);

  // Drain first, with the killed node still down: the consumer finds the promoted replica by itself
  // (nothing is restarted, the BFF included).
  const promoted = await pollUntil('a replica promoted', () => mastersWithSlots(FAILOVER_PORTS.find((p) => p !== victimPort) as number), (m) => m.length === 3 && !m.includes(victimPort), 20_000);
  const burstEnd = Date.now();
  await pollUntil('outbox drained', () => outboxBacklog(admin(), prefix), (n) => n === 0, 20_000, 100);
  report(`failover: outbox empty ${drainedAfterKillMs} ms after the kill (arrivals ended ${(PEOPLE / RATE) * 1000 - KILL_AT_MS} ms after it); again ${Date.now() - burstEnd} ms after the burst's last answer; masters now ${promoted.join(', ')}`);

  // The killed node comes back as a replica, so the cluster is whole again for the next test.
  await clusterScript('revive', victimPort);
  await rejoinedAsReplica(victimPort);

  // Within 10 s of the last arrival, with no restart and the killed node still down.
  expect(drainedAfterKillMs).toBeGreaterThan(0);
  const unavailable = burst.answers.filter((a) => a.status === 503);
  expect(unavailable.filter((a) => a.code !== 'STORE_UNAVAILABLE' || !a.retryAfter)).toEqual([]);
  const inProgress = burst.finals.filter((f) => f.code === 'IN_PROGRESS');
  if (inProgress.length > 0) report(`failover: ${inProgress.length} citizens still 409 IN_PROGRESS at the deadline (person-hold lease: the "holds" part of issue 16)`);
  const unfinished = burst.finals.filter((f) => !(f.status === 201 || f.code === 'SOLD_OUT' || f.code === 'IN_PROGRESS'));
  expect(unfinished).toEqual([]);

  const booked = burst.finals.filter((f) => f.status === 201);
  const rows = await s.app.database.db.selectFrom('mask_reservations').select(['id', 'pharmacy_id']).where('round_id', '=', roundId).execute();
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(booked.map((b) => b.reservationId)));
  for (const id of ids) expect(rows.filter((r) => r.pharmacy_id === id).length).toBeLessThanOrEqual(QUOTA);
}, 120_000);
