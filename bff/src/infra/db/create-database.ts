import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, MysqlDialect, SqliteDialect, sql } from 'kysely';
import Sqlite from 'libsql';
import { createPool } from 'mysql2';
import type { Database } from './database';

export type SqlDialectName = 'mysql' | 'sqlite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  ping: () => Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  mysqlUrl: string | null;
  sqlitePath: string;
  poolSize?: number;
}

function createMysql(url: string, poolSize: number): Kysely<Database> {
  const pool = createPool({
    uri: url,
    connectionLimit: poolSize,
    // BIGINT epoch-ms columns come back as numbers, like SQLite's.
    supportBigNumbers: true,
    bigNumberStrings: false,
    timezone: 'Z',
    connectTimeout: 5000,
  });
  return new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
}

function createSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Sqlite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // libsql mirrors better-sqlite3's API, which Kysely's SqliteDialect drives.
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** MySQL/MariaDB when a URL is configured, else the embedded SQLite file. */
export function createDatabase(opts: DatabaseOptions): DatabaseHandle {
  const dialect: SqlDialectName = opts.mysqlUrl ? 'mysql' : 'sqlite';
  const db = opts.mysqlUrl ? createMysql(opts.mysqlUrl, opts.poolSize ?? 10) : createSqlite(opts.sqlitePath);
  return {
    db,
    dialect,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
