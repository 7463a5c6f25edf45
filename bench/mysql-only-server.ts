/**
 * Path D of the masks benchmark: the same booking on MySQL alone, as a small Koa process built from
 * the BFF's own pieces — body parser, error middleware, session look-up (SessionStore on Redis +
 * requireAuth), zod validation of the body and Idempotency-Key, the caller's person (from the
 * session, as the BFF takes it; the same primary-key join as the BFF for a session without it), then ONE
 * transaction:
 *
 *   UPDATE bench_mysql_quotas SET remaining = remaining - 1
 *    WHERE round_id = ? AND pharmacy_id = ? AND remaining > 0      -- row lock; 0 rows → SOLD_OUT
 *   INSERT INTO bench_mysql_reservations (…)                         -- unique person → ALREADY_RESERVED
 *   COMMIT
 *
 * and a signed pickup code. Same pool (createDatabase: mysql2, 10 connections, Kysely) as the BFF.
 * No rate limits and no idempotent replay: it is given every advantage.
 *
 * Env: MYSQL_URL, REDIS_URL, REDIS_KEY_PREFIX, BENCH_ROUND_ID, BENCH_PICKUP_DATE, NODE_ENV=test.
 * Prints `LISTENING <port>`.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { sql } from 'kysely';
import { loadConfig } from '@govpass/config';
import { maskName, maskRoutes } from '@govpass/shared-types';
import { AppError } from '../bff/src/core/app-error';
import { createLogger } from '../bff/src/core/create-logger';
import { errorMiddleware } from '../bff/src/core/error-middleware';
import { parseBody } from '../bff/src/core/validate';
import { requireAuth, type AuthState } from '../bff/src/domains/auth/require-auth';
import { SessionStore } from '../bff/src/domains/auth/session-store';
import { PickupCode } from '../bff/src/domains/masks/pickup-code/pickup-code';
import { parseHeaders } from '../bff/src/domains/masks/shared/parse-headers';
import { SqlPersonLookup } from '../bff/src/domains/identity/sql-person-lookup';
import { isUniqueViolation } from '../bff/src/infra/db/is-unique-violation';
import { PiiCipher } from '../bff/src/infra/crypto/pii-cipher';
import { createDatabase } from '../bff/src/infra/db/create-database';
import { RedisHotStore } from '../bff/src/infra/hot-store/redis-hot-store';
import { createRedisClient, waitForReady } from '../bff/src/infra/redis/create-redis-client';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const roundId = required('BENCH_ROUND_ID');
  const pickupDate = required('BENCH_PICKUP_DATE');
  const database = createDatabase({ mysqlUrl: config.storage.mysqlUrl, sqlitePath: ':memory:' });
  const db = database.db;
  const redis = createRedisClient(config.storage, { connectionName: 'govpass-bench-mysql-only' });
  await waitForReady(redis, 5000);
  const sessions = new SessionStore(new RedisHotStore(redis), config.security.sessionTtlSeconds);
  const cipher = new PiiCipher(config.security.piiEncryptionKey, config.security.piiHashKey);
  const persons = new SqlPersonLookup(db);
  const codes = new PickupCode(config.masks.pickupCodeKey);
  const pharmacyNames = new Map((await db.selectFrom('pharmacies').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
  const route = maskRoutes.bookMasks;
  // The BFF's own rule: the session names the verified person; only an older session needs the join.
  const personFromMysql = async (accountId: string) => {
    const found = await persons.personOfAccount(accountId);
    if (!found) throw new AppError(403, 'IDENTITY_REQUIRED', 'Real-name verification is required first');
    return { personId: found.personId, personName: maskName(cipher.decrypt(found.nameCipher)) };
  };

  const app = new Koa();
  app.use(errorMiddleware(createLogger('silent')));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: `${config.server.bodyLimitKb}kb`, encoding: 'utf-8' }));
  const authenticate = requireAuth(sessions);
  app.use(async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== route.path) throw new AppError(404, 'NOT_FOUND', 'Not found');
    await next();
  });
  app.use(async (ctx, next) => {
    ctx.state.booking = {
      body: parseBody(route.body, ctx.request.body),
      idempotencyKey: parseHeaders(route.headers, (name) => ctx.get(name))['idempotency-key'],
    };
    await next();
  });
  app.use(authenticate);
  app.use(async (ctx) => {
    const { body, idempotencyKey } = ctx.state.booking as { body: { pharmacyId: string }; idempotencyKey: string };
    const { accountId, person: sessionPerson } = ctx.state.auth as AuthState;
    const pharmacyName = pharmacyNames.get(body.pharmacyId);
    if (pharmacyName === undefined) throw new AppError(404, 'PHARMACY_NOT_FOUND', 'No such pharmacy');
    const person = sessionPerson ? { personId: sessionPerson.personId, personName: sessionPerson.identity.name } : await personFromMysql(accountId);
    const id = randomUUID();
    const createdAt = Date.now();
    await db.transaction().execute(async (trx) => {
      const taken = await sql`UPDATE bench_mysql_quotas SET remaining = remaining - 1 WHERE round_id = ${roundId} AND pharmacy_id = ${body.pharmacyId} AND remaining > 0`.execute(trx);
      if (Number(taken.numAffectedRows ?? 0) === 0) throw new AppError(409, 'SOLD_OUT', 'This pharmacy has no masks left in this round');
      try {
        await sql`INSERT INTO bench_mysql_reservations (id, round_id, pharmacy_id, person_id, account_id, pickup_date, quantity, status, idempotency_key, created_at)
                  VALUES (${id}, ${roundId}, ${body.pharmacyId}, ${person.personId}, ${accountId}, ${pickupDate}, ${1}, 'reserved', ${idempotencyKey}, ${createdAt})`.execute(trx);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'ALREADY_RESERVED', 'This person already has an active reservation');
        throw err;
      }
    });
    ctx.status = 201;
    ctx.body = {
      reservation: {
        id,
        roundId,
        pharmacyId: body.pharmacyId,
        pharmacyName,
        personId: person.personId,
        personName: person.personName,
        pickupDate,
        quantity: 1,
        status: 'reserved',
        createdAt: new Date(createdAt).toISOString(),
      },
      pickupCode: codes.sign({ reservationId: id, pharmacyId: body.pharmacyId, pickupDate }),
    };
  });

  const server = createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  });
  const stop = () => {
    server.close(async () => {
      redis.disconnect();
      await database.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`mysql-only server failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
