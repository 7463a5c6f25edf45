import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
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
      let cursor = '0';
      let removed = 0;
      for (let i = 0; i < 100_000; i++) {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
        if (keys.length > 0) removed += await r.unlink(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      log(`cleanup: dropped ${dbName}, removed ${removed} Redis keys under ${prefix}`);
    } finally {
      r.disconnect();
    }
  });
  return { tag, dbName, mysqlUrl: url.toString(), prefix };
}
