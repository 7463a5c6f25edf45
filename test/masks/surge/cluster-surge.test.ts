import type { Cluster } from 'ioredis';
import { pharmacyShard, shardKeys } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { onePersonTwoAccounts, sameKeyRetried, surge, type ScenarioContext } from './scenarios';
import { createCitizens, masterOfKey, report, setUpRound, useSurgeWorld, type Citizen } from './surge-support';

/**
 * The surge invariants on the 3-master Redis Cluster (the person-hold saga, the consumer's
 * per-shard sweep), through HTTP against the real BFF built with storage.redisClusterNodes.
 * Scaled to the Cluster's cost: 5,000 people against 5 pharmacies × 100 on shards of every master.
 */
const PEOPLE = 5_000;
const QUOTA_EACH = 100;
const IN_FLIGHT = 200;
/** For the one-person tests, after the surge sold the five out. */
const EXTRA = ['cl-extra-1', 'cl-extra-2', 'cl-extra-3', 'cl-extra-4'];

const w = useSurgeWorld({ kind: 'cluster', label: 'cluster', maxSockets: IN_FLIGHT });
let ctx: ScenarioContext;
let pharmacies: { id: string; quota: number }[];
let citizens: Citizen[];

/** Five pharmacies on distinct shards, spread over all three masters. */
async function pharmaciesOverEveryMaster(cluster: Cluster): Promise<{ id: string; master: string }[]> {
  const picked: { id: string; master: string }[] = [];
  const shards = new Set<number>();
  const perMaster = new Map<string, number>();
  for (let n = 0; picked.length < 5 && n < 1000; n++) {
    const id = `cl-ph-${n}`;
    const shard = pharmacyShard(id);
    if (shards.has(shard)) continue;
    const master = await masterOfKey(cluster, w.prefix + shardKeys(shard).outbox);
    if ((perMaster.get(master) ?? 0) >= 2) continue;
    shards.add(shard);
    perMaster.set(master, (perMaster.get(master) ?? 0) + 1);
    picked.push({ id, master });
  }
  if (new Set(picked.map((p) => p.master)).size < 3) throw new Error(`pharmacies do not cover 3 masters: ${JSON.stringify(picked)}`);
  return picked;
}

beforeAll(async () => {
  const placed = await pharmaciesOverEveryMaster(w.admin as Cluster);
  report(`cluster: pharmacies ${placed.map((p) => `${p.id}@${p.master}`).join(', ')}`);
  pharmacies = placed.map((p) => ({ id: p.id, quota: QUOTA_EACH }));
  const roundId = await setUpRound(w.s, { pharmacies: [...pharmacies, ...EXTRA.map((id) => ({ id, quota: 100 }))] });
  ctx = { label: 'cluster', s: w.s, admin: w.admin, prefix: w.prefix, roundId };
  const t0 = Date.now();
  citizens = await createCitizens(w.s.app, PEOPLE);
  report(`cluster: ${PEOPLE} verified people + sessions created in ${Date.now() - t0} ms`);
}, 60_000);

it(`${PEOPLE} people book concurrently against 5 × ${QUOTA_EACH} on every master: exactly ${5 * QUOTA_EACH} × 201, the rest 409 SOLD_OUT, MySQL gets exactly those`, async () => {
  await surge(ctx, citizens, pharmacies, IN_FLIGHT);
}, 60_000);

it('one person, a WeChat and an Alipay account, 500 concurrent bookings over 4 pharmacies (own keys): one 201, 499 × 409 ALREADY_RESERVED, one row', async () => {
  await onePersonTwoAccounts(ctx, EXTRA, 500);
}, 60_000);

it('the same Idempotency-Key, 20 at once (IN_PROGRESS waits) then one after another: one reservation, identical answers', async () => {
  await sameKeyRetried(ctx, EXTRA[0]);
}, 60_000);
