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
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { loadConfig } from '@govpass/config';
import { buildApp } from '../bff/src/app';
import { allShardKeys } from '../bff/src/domains/masks/hot-path/mask-keys';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from '../bff/src/infra/redis/create-redis-client';
import { cpuMicros, cpuSplit, findPidByComm, startServer, stopChild } from './lib/processes';
import { buildElsewhere, serverBundler } from './lib/bundles';
import { MYSQL_ADMIN_URL, REDIS_URL, runBench } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { createScratchStores } from './lib/scratch';
import { mix, pad, r0 } from './lib/stats';
import { ensureWrk, runWrk, type WrkResult } from './lib/wrk';
import { seedMysqlOnly, seedWorld, type SeededWorld } from './lib/seed';
import { LETTER, OPTS, intOption, isBooking, type PathName } from './lib/masks-options';
import { masksReport, type Slice } from './lib/masks-report';

const ROOT = resolve(__dirname, '..');
const BENCH = __dirname;
const STARTED = Date.now();

/** Whole run, seeding included; every wait below is bounded by it too. */
const DEADLINE = STARTED + intOption('time-limit', 600, 60, 3600) * 1000;

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ cleanup (also on error / Ctrl-C)

const cleanups = new Cleanups();
cleanups.onSignals();
const onCleanup = (name: string, fn: () => Promise<void>) => cleanups.add(name, fn);
const cleanup = () => cleanups.run();

async function runSliceWrk(url: string, path: string, linesFile: string, seconds: number, keyPrefix: string): Promise<WrkResult> {
  return runWrk({ url, threads: OPTS.threads, connections: OPTS.connections, seconds, script: join(BENCH, 'wrk-post.lua'), scriptArgs: [linesFile, keyPrefix, path, String(OPTS.threads)] });
}

// ------------------------------------------------------------------ slices

interface Target {
  name: PathName;
  url: string;
  path: string;
  server: () => number;
  /** Status that counts as the path's work done (201 booked, 409 sold out, 200 bare). */
  okStatus: string;
}

const pids = { redis: 0, mysqld: 0 };

async function outboxBacklog(redis: RedisClient): Promise<number> {
  const pipe = (redis as Redis).pipeline();
  for (const s of allShardKeys()) pipe.xlen(s.outbox);
  const replies = (await pipe.exec()) ?? [];
  return replies.reduce((sum, [err, n]) => sum + (err ? 0 : Number(n)), 0);
}

async function runSlice(t: Target, round: number, linesFile: string, seconds: number, redis: RedisClient): Promise<Slice> {
  const pid = t.server();
  const before = { node: cpuMicros(pid), nodeSys: cpuSplit(pid)?.sys ?? 0, redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (before.node === null) throw new Error(`the ${t.name} server (pid ${pid}) is gone`);
  const keyPrefix = `bench${round}${t.name}${randomBytes(3).toString('hex')}`;
  const w = await runSliceWrk(t.url, t.path, linesFile, seconds, keyPrefix);
  // Booking is only done once the outbox consumer has written it to MySQL: count its CPU too.
  const d0 = Date.now();
  if (isBooking(t.name)) {
    while ((await outboxBacklog(redis)) > 0 && Date.now() - d0 < 15_000 && Date.now() < DEADLINE) await sleep(20);
  }
  const drainMs = isBooking(t.name) ? Date.now() - d0 : 0;
  const after = { node: cpuMicros(pid), nodeSys: cpuSplit(pid)?.sys ?? 0, redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (after.node === null) throw new Error(`the ${t.name} server (pid ${pid}) died during the slice`);
  const ok = w.statuses[t.okStatus] ?? 0;
  const secs = w.durationUs / 1e6;
  const per = (us: number) => (ok > 0 ? us / ok : NaN);
  return {
    path: t.name,
    round,
    requests: w.requests,
    ok,
    seconds: secs,
    rps: w.requests / secs,
    okRps: ok / secs,
    p50Ms: w.p50Us / 1000,
    p99Ms: w.p99Us / 1000,
    cpuUsPerOk: per(after.node - before.node),
    sysShare: after.node - before.node > 0 ? (after.nodeSys - before.nodeSys) / (after.node - before.node) : NaN,
    redisUsPerOk: per(after.redis - before.redis),
    mysqldUsPerOk: per(after.mysqld - before.mysqld),
    wrkUsPerOk: per(w.cpuUs),
    drainMs,
    wraps: w.wraps,
    statuses: w.statuses,
    // wrk counts every status ≥ 400 as an error too; only socket-level trouble is an error here.
    errors: w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout,
  };
}

// ------------------------------------------------------------------ statistics and printing

function sliceLine(s: Slice): string {
  const unit = isBooking(s.path) || s.path === 'mysql' ? '201/s' : 'req/s';
  const extra = isBooking(s.path) ? `  outbox drained +${s.drainMs} ms` : '';
  const flags = (s.wraps > 0 && (isBooking(s.path) || s.path === 'mysql') ? `  !! ${s.wraps} requests reused a person (token file too short)` : '') + (s.errors ? `  !! ${s.errors} socket errors/timeouts` : '');
  return `  ${LETTER[s.path]} ${s.path.padEnd(8)} ${pad(r0(s.okRps), 6)} ${unit}  p50 ${pad(s.p50Ms.toFixed(1), 5)} ms  p99 ${pad(s.p99Ms.toFixed(1), 6)} ms  node ${pad(r0(s.cpuUsPerOk), 4)} µs (${pad(r0(100 * s.sysShare), 2)}% sys)  redis ${pad(r0(s.redisUsPerOk), 3)} µs  mysqld ${pad(r0(s.mysqldUsPerOk), 4)} µs  wrk ${pad(r0(s.wrkUsPerOk), 3)} µs  [${mix(s.statuses)}]${extra}${flags}`;
}

function printHeader(world: SeededWorld): void {
  log('');
  log('govpass mask-booking benchmark');
  log('  A bare      bare Koa + @koa/bodyparser answering a small JSON POST (own process): the floor');
  log('  B booking   POST /api/v1/masks/reservations on the real BFF (bff/src/server.ts, Redis + MySQL): validation,');
  log('              round/sold-out checks, then ONE Redis Lua call: session check, per-IP + per-account rate limits,');
  log('              booking + outbox; presenter (masked name from the session) + signed pickup code; the outbox');
  log('              consumer writes to MySQL in the same process. Sessions as login issues them to verified citizens');
  log('  C sold-out  the same endpoint against a pharmacy with quota 0 (answered in the fast lane)');
  log('  D mysql     the same booking on MySQL alone (own process): session (Redis GET), validation, ONE transaction');
  log('              (UPDATE … remaining = remaining - 1 WHERE … AND remaining > 0, INSERT, COMMIT), pickup code');
  log(`  load: wrk -t${OPTS.threads} -c${OPTS.connections}, every request its own person (session token) and Idempotency-Key;`);
  log(`        ${OPTS.warmupSec} s warm-up per path, then ${OPTS.rounds} rounds of ${OPTS.paths.map((p) => LETTER[p]).join(' ')} slices of ${OPTS.sliceSec} s`);
  log('  201/s, req/s  responses per second of the slice (booking, mysql: bookings made = 201s per second)');
  log('  p50, p99      latency as wrk saw it');
  log('  node µs       user+sys CPU of THAT path\'s server process (/proc/<pid>/stat) per request (booking, mysql: per 201);');
  log('                booking includes the outbox consumer until the outbox is empty again');
  log('  redis/mysqld  CPU of redis-server / mariadbd over the same window, per request');
  log('  Absolute req/s on this shared 2-core machine swing 2x between runs: read the RATIOS (same run, alternating slices).');
  log(`  world: ${OPTS.persons} verified persons with sessions, ${world.pharmacyIds.length} pharmacies (one per hot-path shard) + 1 sold out${OPTS.hot > 0 ? `; bookings go to the first ${OPTS.hot} only` : ''}`);
  log('');
}

// ------------------------------------------------------------------ main

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

  // Who books in which slice: each booking slice its own people (the BFF and the MySQL-only path
  // keep separate books, so slice k of both uses pool k); sold-out and bare reuse a small pool.
  const PROBES = 4;
  const SMALL_POOL = Math.min(2000, Math.floor(OPTS.persons / 10));
  const bookable = OPTS.persons - PROBES - SMALL_POOL;
  const units = OPTS.warmupSec + OPTS.rounds * OPTS.sliceSec;
  const warmupPool = OPTS.warmupSec > 0 ? Math.floor((bookable * OPTS.warmupSec) / units) : 0;
  const roundPool = Math.floor((bookable - warmupPool) / OPTS.rounds);
  const pick = (arr: string[]) => arr[Math.floor(Math.random() * arr.length)];
  const bookingPharmacies = OPTS.hot > 0 ? world.pharmacyIds.slice(0, OPTS.hot) : world.pharmacyIds;
  const writeLines = (name: string, from: number, count: number, pharmacy: () => string) => {
    const file = join(work, name);
    const lines: string[] = [];
    for (let i = from; i < from + count; i++) lines.push(`${world.tokens[i]} ${pharmacy()}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const smallFrom = PROBES;
  const bareFile = writeLines('bare.txt', smallFrom, SMALL_POOL, () => pick(world.pharmacyIds));
  const soldOutFile = writeLines('soldout.txt', smallFrom, SMALL_POOL, () => world.soldOutPharmacyId);
  const bookingFiles: string[] = [];
  let from = PROBES + SMALL_POOL;
  // With --ab-env the twin books other people: each pool is split in halves, first half B, second E.
  const twin = OPTS.paths.includes('bookingB') || OPTS.paths.includes('soldoutB');
  const half = (n: number) => (twin ? Math.floor(n / 2) : n);
  const twinFiles: string[] = [];
  const addPool = (name: string, count: number) => {
    bookingFiles.push(writeLines(`${name}.txt`, from, half(count), () => pick(bookingPharmacies)));
    if (twin) twinFiles.push(writeLines(`${name}-b.txt`, from + half(count), half(count), () => pick(bookingPharmacies)));
    from += count;
  };
  if (OPTS.warmupSec > 0) addPool('book-warmup', warmupPool);
  for (let r = 1; r <= OPTS.rounds; r++) addPool(`book-round${r}`, roundPool);
  const fileFor = (p: PathName, slot: number) => (p === 'bare' ? bareFile : p === 'soldout' || p === 'soldoutB' ? soldOutFile : p === 'bookingB' ? twinFiles[slot] : bookingFiles[slot]);

  // Servers: each path its own process, so each path's CPU is its own. By default each is compiled
  // into one file as production runs the BFF (bff/scripts/build.mjs) and started with plain node;
  // --runner=tsx starts the sources with `node --import tsx` (the tsx CLI minus its wrapper process,
  // whose pid would not be the server's).
  const node = process.execPath;
  const bundle = serverBundler(ROOT, tag, cleanups);
  const entryArgs = async (runner: 'bundle' | 'tsx', entry: string): Promise<string[]> => (runner === 'tsx' ? ['--import', 'tsx', entry] : [await bundle(entry)]);
  // Per run: with tsx, its loader-hooks thread writes a profile of its own next to the main thread's.
  const profDir = join(BENCH, 'profiles', `bff-${tag}`);
  const profArgs: string[] = [];
  if (OPTS.cpuProf) {
    mkdirSync(profDir, { recursive: true });
    profArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const [bffEntry, bareEntry, mysqlEntry] = await Promise.all(['bff/src/server.ts', 'bench/bare-koa-server.ts', 'bench/mysql-only-server.ts'].map((e) => entryArgs(OPTS.runner, e)));
  const twinRunner = OPTS.abRunner ?? OPTS.runner;
  const twinRoot = OPTS.abRoot === '' ? ROOT : resolve(OPTS.abRoot);
  const twinEntry = !twin ? [] : twinRoot !== ROOT ? [await buildElsewhere(twinRoot, tag, cleanups)] : twinRunner === OPTS.runner ? bffEntry : await entryArgs(twinRunner, 'bff/src/server.ts');
  const listening = (line: string) => /^LISTENING (\d+)/.exec(line)?.[1] ?? null;
  const bffReady = (l: string) => /running at http:\/\/localhost:(\d+)/.exec(l)?.[1] ?? null;
  const [bff, bare, mysqlOnly, bffB] = await Promise.all([
    startServer('BFF', node, [...profArgs, ...bffEntry], { cwd: ROOT, env, readyTimeoutMs: 60_000, ready: bffReady }),
    startServer('bare Koa', node, bareEntry, { cwd: ROOT, env, readyTimeoutMs: 60_000, ready: listening }),
    startServer('MySQL-only', node, mysqlEntry, {
      cwd: ROOT,
      env: { ...env, BENCH_ROUND_ID: world.roundId, BENCH_PICKUP_DATE: world.pickupDate },
      readyTimeoutMs: 60_000,
      ready: listening,
    }),
    twin
      ? startServer('BFF (B)', node, twinEntry, { cwd: twinRoot, env: { ...env, ...OPTS.abEnv, INSTANCE_NAME: `${env.INSTANCE_NAME}-b` }, readyTimeoutMs: 60_000, ready: bffReady })
      : null,
  ]);
  const base = (port: string) => `http://127.0.0.1:${port}`;
  const targets: Record<PathName, Target> = {
    bare: { name: 'bare', url: base(bare.value), path: '/bench', server: () => bare.child.pid, okStatus: '200' },
    booking: { name: 'booking', url: base(bff.value), path: '/api/v1/masks/reservations', server: () => bff.child.pid, okStatus: '201' },
    soldout: { name: 'soldout', url: base(bff.value), path: '/api/v1/masks/reservations', server: () => bff.child.pid, okStatus: '409' },
    mysql: { name: 'mysql', url: base(mysqlOnly.value), path: '/api/v1/masks/reservations', server: () => mysqlOnly.child.pid, okStatus: '201' },
    bookingB: { name: 'bookingB', url: base(bffB?.value ?? '0'), path: '/api/v1/masks/reservations', server: () => bffB?.child.pid ?? 0, okStatus: '201' },
    soldoutB: { name: 'soldoutB', url: base(bffB?.value ?? '0'), path: '/api/v1/masks/reservations', server: () => bffB?.child.pid ?? 0, okStatus: '409' },
  };
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

  printHeader(world);
  log(`servers: BFF pid ${bff.child.pid} :${bff.value}, bare Koa pid ${bare.child.pid} :${bare.value}, MySQL-only pid ${mysqlOnly.child.pid} :${mysqlOnly.value}; redis-server pid ${pids.redis || '?'}, mariadbd pid ${pids.mysqld || '?'}`);
  log(`probe booking: 201, person ${booked.reservation.personName}, pickup code ${booked.pickupCode.slice(0, 16)}…`);

  const slices: Slice[] = [];
  let booked201 = 1; // the probe
  const runRound = async (round: number, seconds: number, slot: number) => {
    for (const p of OPTS.paths) {
      if (Date.now() + seconds * 1000 + 20_000 > DEADLINE) throw new Error('time limit reached');
      const s = await runSlice(targets[p], round, fileFor(p, slot), seconds, redis);
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
  await Promise.all([stopChild(bff.child, 10_000), stopChild(bare.child), stopChild(mysqlOnly.child), bffB ? stopChild(bffB.child, 10_000) : null]);

  const out = masksReport({ slices, twin, durableRows: row.n, bookings: bookedTotal, profDir, log });
  log('');
  await cleanup();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify(out));
}

runBench(main, cleanups, DEADLINE);
