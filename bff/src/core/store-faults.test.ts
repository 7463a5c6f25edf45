import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createPool } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { AppError } from './app-error';
import { errorHeaders, toAppError } from './error-middleware';
import { isStoreUnavailable } from './store-faults';

/** A port nothing listens on: bound, then released. */
async function refusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('store faults', () => {
  it("classifies the real drivers' connection errors as a 503 STORE_UNAVAILABLE with Retry-After", async () => {
    const port = await refusedPort();
    const pool = createPool({ uri: `mysql://root@127.0.0.1:${port}/x`, connectTimeout: 1000 });
    const mysqlErr = await failureOf(() => pool.query('select 1'));
    await pool.end();
    const redis = new Redis({ port, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    const redisErr = await failureOf(() => redis.get('k'));
    redis.disconnect();
    for (const err of [mysqlErr, redisErr, new Error('wrapped', { cause: mysqlErr })]) {
      const appErr = toAppError(err);
      expect({ status: appErr.status, code: appErr.code }).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
      expect(errorHeaders(appErr)).toEqual({ 'Retry-After': '5' });
    }
  });

  it('knows the shapes that have no socket behind them: lost connection, pool closed, busy SQLite, cluster down', () => {
    const coded = (code: string, extra: object = {}) => Object.assign(new Error(code), { code, ...extra });
    for (const err of [coded('PROTOCOL_CONNECTION_LOST', { fatal: true }), coded('ER_CON_COUNT_ERROR'), coded('SQLITE_BUSY'), new Error('Pool is closed.'), new Error('driver has already been destroyed'), new Error('CLUSTERDOWN The cluster is down'), Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })]) {
      expect(isStoreUnavailable(err)).toBe(true);
    }
  });

  it('leaves bugs and refusals alone: a bad query stays a 500, a duplicate is no outage', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    for (const err of [coded('ER_PARSE_ERROR'), coded('ER_DUP_ENTRY'), coded('SQLITE_CONSTRAINT'), new TypeError('x is undefined'), new Error('ECONNREFUSED in a message only')]) {
      expect(isStoreUnavailable(err)).toBe(false);
      expect(toAppError(err).status).toBe(500);
    }
  });

  it('gives every 503 a Retry-After, keeping one the error set itself', () => {
    expect(errorHeaders(new AppError(503, 'STORE_UNAVAILABLE', 'closed'))).toEqual({ 'Retry-After': '5' });
    expect(errorHeaders(new AppError(503, 'STORE_UNAVAILABLE', 'x', { headers: { 'Retry-After': '1' } }))).toEqual({ 'Retry-After': '1' });
    expect(errorHeaders(new AppError(409, 'CONFLICT', 'x'))).toBeUndefined();
  });
});
