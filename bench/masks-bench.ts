/**
 * `npm run bench:masks` — the mask-booking benchmark (see bench/README.md).
 *
 * Four paths, each served by its own process, measured in the same run in alternating short
 * slices (A B C D, A B C D, …) so that the machine's noise hits all of them alike:
 *   A bare      bare Koa JSON endpoint (bench/bare-koa-server.ts)
 *   B booking   POST /api/v1/masks/reservations of the real BFF (bff/src/server.ts on Redis + MySQL)
 *   C sold-out  the same endpoint against a pharmacy whose quota is 0
 *   D mysql     the same booking on MySQL alone (bench/mysql-only-server.ts)
 * The last line printed is one JSON object whose last keys are bookingVsBare, bookingVsMysqlOnly,
 * soldOutVsBare and nodeCpuUsPerBooking (medians over rounds of per-round values).
 *
 * Options: --persons=150000 --rounds=5 --slice=4 --warmup=2 --connections=32 --threads=1
 *          --paths=bare,booking,soldout,mysql   --cpu-prof (profile the BFF; written to bench/profiles)
 *          --hot=N (book only at the first N pharmacies: a crowd at a few shops, where MySQL row locks contend)
 *          --ab-env=K=V[,K=V…] (A/B a change: a second BFF process with this extra environment serves path
 *          E bookingB (and F soldoutB), alternating with B (C) in the same run; prints B vs E and C vs F)
 *          --ab-root=DIR (the A/B twin is the BFF of another checkout, e.g. a worktree of the base commit:
 *          before/after a change in one run)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Redis } from 'ioredis';
import { loadConfig } from '@govpass/config';
import { buildApp } from '../bff/src/app';
import { closeRedisClient, createRedisClient, waitForReady } from '../bff/src/infra/redis/create-redis-client';
import { cpuMicros, findPidByComm, stopChild } from './lib/processes';
import { MYSQL_ADMIN_URL, REDIS_URL, runBench } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { createScratchStores } from './lib/scratch';
import { ensureWrk } from './lib/wrk';
import { seedMysqlOnly, seedWorld, type SeededWorld } from './lib/seed';
import { OPTS, intOption, isBooking } from './lib/masks-options';
import { masksReport, type Slice } from './lib/masks-report';
import { printHeader } from './lib/masks-header';
import { writeBookingPools } from './lib/masks-pools';
import { startMasksServers } from './lib/masks-servers';
import { runSlice, sliceLine, type MeasuredPids, type Target } from './lib/masks-slice';

const ROOT = resolve(__dirname, '..');
const STARTED = Date.now();

/** Whole run, seeding included; every wait below is bounded by it too. */
const DEADLINE = STARTED + intOption('time-limit', 600, 60, 3600) * 1000;

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Cleanup (also on error / Ctrl-C).
const cleanups = new Cleanups();
cleanups.onSignals();
const onCleanup = (name: string, fn: () => Promise<void>) => cleanups.add(name, fn);
const cleanup = () => cleanups.run();

const pids: MeasuredPids = { redis: 0, mysqld: 0 };

async function main(): Promise<void> {
  await ensureWrk(log);
  const { tag, dbName, mysqlUrl: scratchUrl } = await createScratchStores(MYSQL_ADMIN_URL, REDIS_URL, cleanups, log);
  const mysqlUrl = new URL(scratchUrl);
  const prefix = `gpbench:${tag}:`;
  const work = mkdtempSync(join(tmpdir(), 'gp-bench-'));
  onCleanup('token files', async () => rmSync(work, { recursive: true, force: true }));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    MYSQL_URL: mysqlUrl.toString(),
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    INSTANCE_NAME: `bench-${tag}`,
  };
  const appEnv = { NODE_ENV: 'test', MYSQL_URL: env.MYSQL_URL, REDIS_URL, REDIS_KEY_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', INSTANCE_NAME: env.INSTANCE_NAME };

  // Seed through the app built in-process with the same config (migrations, services), then close it.
  log(`seeding ${dbName} + Redis prefix ${prefix} …`);
  const config = loadConfig({ env: { ...appEnv, MASK_WORKERS: 'false' } });
  const app = await buildApp(config);
  let world: SeededWorld;
  try {
    world = await seedWorld(app, { persons: OPTS.persons, sessionConcurrency: 256, insertChunk: 2000, deadline: STARTED + 240_000, log: (m) => log(`  ${m}`) });
    await seedMysqlOnly(app, world);
  } finally {
    await app.close();
  }

  const { twin, fileFor } = writeBookingPools(world, work);

  const servers = await startMasksServers(ROOT, tag, env, world, twin, cleanups);
  const { targets, profDir } = servers;
  const { bff, bare, mysqlOnly, bffB } = servers.children;
  pids.mysqld = findPidByComm(['mariadbd', 'mysqld']) ?? 0;
  const redis = createRedisClient({ redisUrl: REDIS_URL, redisClusterNodes: [], redisKeyPrefix: prefix }, { connectionName: 'govpass-bench' });
  await waitForReady(redis, 5000);
  onCleanup('bench redis client', () => closeRedisClient(redis));
  pids.redis = Number(/process_id:(\d+)/.exec(await (redis as Redis).info('server'))?.[1] ?? 0);
  if (pids.redis && cpuMicros(pids.redis) === null) pids.redis = 0; // another host/container: not measurable

  // Probes: one request per path, to fail fast with the server's own answer.
  const probe = async (t: Target, token: string, pharmacyId: string, want: number, wantCode?: string) => {
    const res = await fetch(`${t.url}${t.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `probe-${randomBytes(6).toString('hex')}` },
      body: JSON.stringify({ pharmacyId }),
    });
    const text = await res.text();
    if (res.status !== want || (wantCode && !text.includes(wantCode))) throw new Error(`probe of ${t.name}: expected ${want} ${wantCode ?? ''}, got ${res.status} ${text.slice(0, 500)}`);
    return text;
  };
  await probe(targets.bare, world.tokens[0], world.pharmacyIds[0], 200);
  const booked = JSON.parse(await probe(targets.booking, world.tokens[0], world.pharmacyIds[0], 201)) as { reservation: { personName: string }; pickupCode: string };
  await probe(targets.soldout, world.tokens[1], world.soldOutPharmacyId, 409, 'SOLD_OUT');
  await probe(targets.mysql, world.tokens[2], world.pharmacyIds[1], 201);
  await probe(targets.mysql, world.tokens[2], world.pharmacyIds[2], 409, 'ALREADY_RESERVED');
  await probe(targets.booking, world.tokens[0], world.pharmacyIds[1], 409, 'ALREADY_RESERVED');

  printHeader(world, log);
  log(`servers: ${servers.describe}; redis-server pid ${pids.redis || '?'}, mariadbd pid ${pids.mysqld || '?'}`);
  log(`probe booking: 201, person ${booked.reservation.personName}, pickup code ${booked.pickupCode.slice(0, 16)}…`);

  const slices: Slice[] = [];
  let booked201 = 1; // the probe
  const runRound = async (round: number, seconds: number, slot: number) => {
    for (const p of OPTS.paths) {
      if (Date.now() + seconds * 1000 + 20_000 > DEADLINE) throw new Error('time limit reached');
      const s = await runSlice(targets[p], round, fileFor(p, slot), seconds, redis, pids, DEADLINE);
      log(sliceLine(s));
      if (round > 0) slices.push(s);
      if (isBooking(p)) booked201 += s.ok;
      await sleep(250);
    }
  };
  if (OPTS.warmupSec > 0) {
    log(`warm-up (${OPTS.warmupSec} s per path, not counted)`);
    await runRound(0, OPTS.warmupSec, 0);
  }
  for (let r = 1; r <= OPTS.rounds; r++) {
    log(`round ${r}/${OPTS.rounds}`);
    await runRound(r, OPTS.sliceSec, (OPTS.warmupSec > 0 ? 0 : -1) + r);
  }

  // Durability check: every 201 of the BFF is a MySQL row once the consumer is done.
  const conn = await createConnection({ uri: mysqlUrl.toString() });
  const [[row]] = (await conn.query('SELECT COUNT(*) AS n FROM mask_reservations')) as unknown as [[{ n: number }]];
  await conn.end();
  const bookedTotal = booked201;

  // Stop the servers now (the BFF writes its CPU profile on exit).
  await Promise.all([stopChild(bff, 10_000), stopChild(bare), stopChild(mysqlOnly), bffB ? stopChild(bffB, 10_000) : null]);

  const out = masksReport({ slices, twin, durableRows: row.n, bookings: bookedTotal, profDir, log });
  log('');
  await cleanup();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify(out));
}

runBench(main, cleanups, DEADLINE);
