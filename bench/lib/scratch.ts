import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { Cluster, Redis } from 'ioredis';
import type { Cleanups } from './cleanups';

export interface ScratchStores {
  tag: string;
  dbName: string;
  /** mysql://…/gp_bench_<tag> */
  mysqlUrl: string;
  /** Redis key prefix gpbench:<tag>: */
  prefix: string;
}

/**
 * A scratch database `gp_bench_<random>` and a Redis prefix `gpbench:<random>:`, both removed by
 * the cleanups at the end, also after an error or Ctrl-C.
 */
export async function createScratchStores(adminUrl: string, redisUrl: string, cleanups: Cleanups, log: (msg: string) => void): Promise<ScratchStores> {
  const tag = randomBytes(4).toString('hex');
  const dbName = `gp_bench_${tag}`;
  const prefix = `gpbench:${tag}:`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const admin = await createConnection({ uri: adminUrl, connectTimeout: 3000 }).catch((err: Error) => {
    throw new Error(`MariaDB/MySQL is required at ${adminUrl}: ${err.message}`);
  });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  cleanups.add('scratch database', async () => {
    const c = await createConnection({ uri: adminUrl });
    await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await c.end();
  });
  cleanups.add('redis keys', async () => {
    const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const removed = await removeKeys(r, prefix);
      log(`cleanup: dropped ${dbName}, removed ${removed} Redis keys under ${prefix}`);
    } finally {
      r.disconnect();
    }
  });
  // A BFF pointed at a Cluster (REDIS_CLUSTER_NODES, e.g. bench/idle-cpu.ts) leaves its keys there.
  const clusterNodes = process.env.REDIS_CLUSTER_NODES?.split(',').filter(Boolean) ?? [];
  if (clusterNodes.length > 0) {
    cleanups.add('redis cluster keys', async () => {
      const cluster = new Cluster(clusterNodes.map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })));
      try {
        await new Promise<void>((resolve, reject) => cluster.once('ready', resolve).once('error', reject));
        // Keys of several slots cannot go in one UNLINK: one at a time, per master.
        const removed = await Promise.all(cluster.nodes('master').map((node) => removeKeys(node, prefix, true)));
        log(`cleanup: removed ${removed.reduce((a, b) => a + b, 0)} Redis Cluster keys under ${prefix}`);
      } finally {
        cluster.disconnect();
      }
    });
  }
  return { tag, dbName, mysqlUrl: url.toString(), prefix };
}

/** SCAN + UNLINK of every key under `prefix` on one server (`oneByOne` for a Cluster node). */
async function removeKeys(r: Redis, prefix: string, oneByOne = false): Promise<number> {
  let cursor = '0';
  let removed = 0;
  for (let i = 0; i < 100_000; i++) {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    if (oneByOne) for (const key of keys) removed += await r.unlink(key);
    else if (keys.length > 0) removed += await r.unlink(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return removed;
}
