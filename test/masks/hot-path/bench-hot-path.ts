/**
 * Booking-decision throughput, standalone vs Cluster, in ALTERNATING slices of one run (absolute
 * numbers on this shared machine swing; ratios between interleaved slices hold). Redis only: no
 * consumer runs while timing (the outbox is left to grow, then deleted with the prefix).
 *
 *   npx tsx test/masks/hot-path/bench-hot-path.ts [rounds=3]
 */
import { randomUUID } from 'node:crypto';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { RedisMaskHotPath, type RedisMaskHotPathOptions } from '../../../bff/src/domains/masks/hot-path/redis-mask-hot-path';
import { pharmacyShard } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { clusterStorage, deleteUnder, standaloneStorage } from '../../hot-store/redis-test-support';
import { bookAll, codesOf, pharmaciesOnDistinctShards, reservation } from './hot-path-test-support';

interface Variant {
  name: string;
  storage: typeof standaloneStorage;
  options: RedisMaskHotPathOptions;
}

const VARIANTS: Variant[] = [
  { name: 'standalone single-script', storage: standaloneStorage, options: {} },
  { name: 'cluster saga', storage: clusterStorage, options: {} },
  { name: 'cluster saga, no sold-out cache', storage: clusterStorage, options: { soldOutCacheMs: 0 } },
];

const SCENARIOS = [
  { name: '20k vs quota 1,000 (1 pharmacy)', pharmacies: 1, quota: 1000 },
  { name: '20k all succeed (16 pharmacies)', pharmacies: 16, quota: 1250 },
];

async function slice(v: Variant, s: (typeof SCENARIOS)[number]): Promise<number> {
  const prefix = `gpbench:${randomUUID().slice(0, 8)}:`;
  const client: RedisClient = createRedisClient(v.storage(prefix));
  const admin: RedisClient = createRedisClient(v.storage(''));
  await waitForReady(client);
  await waitForReady(admin);
  try {
    const hot = new RedisMaskHotPath(client, v.options);
    const round = { roundId: randomUUID() };
    const ids = pharmaciesOnDistinctShards(s.pharmacies, pharmacyShard);
    for (const p of ids) await hot.setRemaining(round.roundId, p, s.quota);
    const all = Array.from({ length: 20_000 }, (_, i) => reservation(round, ids[i % ids.length], { idempotencyKey: randomUUID() }));
    const t0 = process.hrtime.bigint();
    const attempts = await bookAll(hot, all, 500);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const booked = codesOf(attempts).BOOKED;
    if (booked !== s.pharmacies * s.quota) throw new Error(`${v.name}: booked ${booked}`);
    return 20_000 / (ms / 1000);
  } finally {
    await deleteUnder(admin, prefix);
    await closeRedisClient(client);
    await closeRedisClient(admin);
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  for (const s of SCENARIOS) {
    await slice(VARIANTS[0], s); // warm-up
    await slice(VARIANTS[1], s);
    const rates = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
    for (let r = 0; r < rounds; r++) for (const v of VARIANTS) rates.get(v.name)!.push(await slice(v, s));
    console.log(`\n${s.name}, 500 in flight, ${rounds} alternating slices:`);
    for (const [name, xs] of rates) {
      const sorted = [...xs].sort((a, b) => a - b);
      console.log(`  ${name.padEnd(34)} median ${Math.round(sorted[Math.floor(sorted.length / 2)])} bookings/s  (${xs.map(Math.round).join(', ')})`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
