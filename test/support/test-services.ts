import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/**
 * Integration tests need the real services. They are REQUIRED: when one is down the test fails
 * with this message instead of skipping, so CI can never go green without them.
 */
export const MYSQL_ADMIN_URL = process.env.MYSQL_TEST_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh MySQL database for one test file, so files never see each other's rows. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `gp_test_${randomBytes(5).toString('hex')}`;
  let conn;
  try {
    conn = await createConnection({ uri: MYSQL_ADMIN_URL, connectTimeout: 3000 });
  } catch (err) {
    throw new Error(`MySQL/MariaDB is required for integration tests at ${MYSQL_ADMIN_URL}: ${(err as Error).message}`, { cause: err });
  }
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = await createConnection({ uri: MYSQL_ADMIN_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export function uniquePrefix(label: string): string {
  return `gptest:${label}:${randomBytes(4).toString('hex')}:`;
}
