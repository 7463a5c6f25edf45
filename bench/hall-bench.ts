/**
 * `npm run bench:hall` — the service hall's queue (see bench/README.md and docs/hall.md).
 *
 * Four paths measured in the same run, in alternating short slices so that the machine's noise hits
 * all of them alike:
 *   A bare      bare Koa + @koa/bodyparser answering GET with JSON (bench/crypto-floor-server.ts bare)
 *   B take      POST /api/v1/halls/{hallId}/tickets on the real BFF (Redis + MariaDB): session, hall
 *               hours and distance, family check, elderly flag, the Lua take, the live view with its
 *               ETA, and the durable INSERT before the answer (201)
 *   C callNext  POST /api/v1/windows/{windowId}/call-next as hall staff: role, scope, heads, the one
 *               ordering function, the Lua claim, UPDATE, audit row, notification row
 *   D position  GET /api/v1/tickets/{id}, the citizen's live view: position, ahead, now serving, ETA
 * 60 halls × 2 services × 3 windows, so that queues stay hall-sized. The last line printed is one JSON
 * object with positionVsBare, takeTicketCpuUsAllProcesses, callNextCpuUsAllProcesses and
 * etaP90ErrorMin (from the simulated day, docs/hall.md).
 *
 * Options: --persons=3000 --halls=60 --rounds=5 --slice=4 --warmup=2 --connections=32 --threads=1
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '@govpass/config';
import { buildApp } from '../bff/src/app';
import { simulateDay, TYPICAL_DAY } from '../bff/src/domains/hall/queue/eta-simulation';
import { serverBundler } from './lib/bundles';
import { Cleanups } from './lib/cleanups';
import { cpuMicros, findPidByComm, startServer, stopChild } from './lib/processes';
import { createScratchStores } from './lib/scratch';
import { seedWorld } from './lib/seed';
import { median, mix, nullIfNaN, pad, r0, r2 } from './lib/stats';
import { ensureWrk, runWrk } from './lib/wrk';

const ROOT = resolve(__dirname, '..');
const STARTED = Date.now();

function intOption(name: string, fallback: number, min: number, max: number): number {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  const v = hit ? Number(hit.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be an integer in [${min}, ${max}]`);
  return v;
}

const OPTS = {
  persons: intOption('persons', 3000, 500, 100_000),
  halls: intOption('halls', 60, 1, 500),
  rounds: intOption('rounds', 5, 1, 20),
  sliceSec: intOption('slice', 4, 1, 60),
  warmupSec: intOption('warmup', 2, 0, 60),
  connections: intOption('connections', 32, 1, 1024),
  threads: intOption('threads', 1, 1, 8),
};
const MYSQL_ADMIN_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEADLINE = STARTED + intOption('time-limit', 600, 60, 3600) * 1000;
const LOCATION = { lat: 31.8206, lng: 117.2272 };

type PathName = 'bare' | 'take' | 'callNext' | 'position';
const PATHS: PathName[] = ['bare', 'take', 'callNext', 'position'];
const LETTER: Record<PathName, string> = { bare: 'A', take: 'B', callNext: 'C', position: 'D' };
/** The status that counts as done: a ticket taken is 201; every other path 200. */
const OK: Record<PathName, string> = { bare: '200', take: '201', callNext: '200', position: '200' };

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cleanups = new Cleanups();
cleanups.onSignals();

interface Target {
  name: PathName;
  url: string;
  pid: number;
  lines: () => string;
}

interface Slice {
  path: PathName;
  round: number;
  ok: number;
  okRps: number;
  p50Ms: number;
  p99Ms: number;
  nodeUs: number;
  redisUs: number;
  mysqldUs: number;
  wrkUs: number;
  statuses: Record<string, number>;
  errors: number;
}

const pids = { redis: 0, mysqld: 0 };
let nonce = 0;

async function runSlice(t: Target, round: number, seconds: number): Promise<Slice> {
  const file = t.lines();
  const before = { node: cpuMicros(t.pid), redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (before.node === null) throw new Error(`the ${t.name} server (pid ${t.pid}) is gone`);
  const w = await runWrk({ url: t.url, threads: OPTS.threads, connections: OPTS.connections, seconds, script: join(__dirname, 'wrk-hall.lua'), scriptArgs: [file, String(OPTS.threads), `${STARTED}n${nonce++}`] });
  const after = { node: cpuMicros(t.pid), redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (after.node === null) throw new Error(`the ${t.name} server (pid ${t.pid}) died during the slice`);
  const ok = w.statuses[OK[t.name]] ?? 0;
  const per = (us: number) => (ok > 0 ? us / ok : NaN);
  return {
    path: t.name, round, ok, okRps: ok / (w.durationUs / 1e6), p50Ms: w.p50Us / 1000, p99Ms: w.p99Us / 1000,
    nodeUs: per(after.node - before.node), redisUs: per(after.redis - before.redis), mysqldUs: per(after.mysqld - before.mysqld), wrkUs: per(w.cpuUs),
    statuses: w.statuses, errors: w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout,
  };
}

function sliceLine(s: Slice): string {
  const flags = s.errors ? `  !! ${s.errors} socket errors/timeouts` : '';
  return `  ${LETTER[s.path]} ${s.path.padEnd(9)} ${pad(r0(s.okRps), 6)} ok/s  p50 ${pad(s.p50Ms.toFixed(1), 5)} ms  p99 ${pad(s.p99Ms.toFixed(1), 6)} ms  node ${pad(r0(s.nodeUs), 4)} µs  redis ${pad(r0(s.redisUs), 3)} µs  mysqld ${pad(r0(s.mysqldUs), 3)} µs  wrk ${pad(r0(s.wrkUs), 3)} µs  [${mix(s.statuses)}]${flags}`;
}

function hallCsv(halls: number): string {
  const rows = ['kind,hallId,id,name,a,b,c,d,e'];
  for (let h = 0; h < halls; h++) {
    const id = `bh-${String(h).padStart(3, '0')}`;
    rows.push(`hall,${id},,压测大厅${h},某路 ${h} 号,蜀山区,${LOCATION.lat} ${LOCATION.lng},1-7 00:00-23:59,`);
    rows.push(`service,${id},${id}-a,身份证,户籍,A,8,allowed,居民户口簿*`);
    rows.push(`service,${id},${id}-b,户口迁移,户籍,B,12,allowed,居民户口簿*`);
    rows.push(`window,${id},${id}-w1,1号窗口,1,${id}-a,open,,`);
    rows.push(`window,${id},${id}-w2,2号窗口,2,${id}-a ${id}-b,open,,`);
    rows.push(`window,${id},${id}-w3,3号窗口,3,${id}-b,open,,`);
  }
  return `${rows.join('\n')}\n`;
}

async function main(): Promise<void> {
  await ensureWrk(log);
  const scratch = await createScratchStores(MYSQL_ADMIN_URL, REDIS_URL, cleanups, log);
  const work = mkdtempSync(join(tmpdir(), 'gp-bench-hall-'));
  cleanups.add('line files', async () => rmSync(work, { recursive: true, force: true }));
  const appEnv = { NODE_ENV: 'test', MYSQL_URL: scratch.mysqlUrl, REDIS_URL, REDIS_KEY_PREFIX: scratch.prefix, PORT: '0', HOST: '127.0.0.1', INSTANCE_NAME: `bench-${scratch.tag}` };

  log(`seeding ${scratch.dbName} + Redis prefix ${scratch.prefix} …`);
  const app = await buildApp(loadConfig({ env: { ...appEnv, MASK_WORKERS: 'false' } }));
  const world = await (async () => {
    try {
      const w = await seedWorld(app, { persons: OPTS.persons, sessionConcurrency: 128, insertChunk: 2000, deadline: STARTED + 240_000, log: (m) => log(`  ${m}`) });
      await app.services.hall.admin.importCsv('bench', hallCsv(OPTS.halls));
      await app.services.roles.grant('bench', { accountId: w.accountIds[w.accountIds.length - 1], role: 'admin', scopeId: null }, null);
      return w;
    } finally {
      await app.close();
    }
  })();
  const staffToken = world.tokens[world.tokens.length - 1];
  const citizens = world.tokens.slice(0, -1);
  const hallIds = Array.from({ length: OPTS.halls }, (_, h) => `bh-${String(h).padStart(3, '0')}`);

  const bundle = serverBundler(ROOT, scratch.tag, cleanups);
  const [bffJs, floorJs] = await Promise.all([bundle('bff/src/server.ts'), bundle('bench/crypto-floor-server.ts')]);
  const env = { ...process.env, ...appEnv };
  const [bff, bare] = await Promise.all([
    startServer('BFF', process.execPath, [bffJs], { cwd: ROOT, env, readyTimeoutMs: 60_000, ready: (l) => /running at http:\/\/localhost:(\d+)/.exec(l)?.[1] ?? null }),
    startServer('floor bare', process.execPath, [floorJs, 'bare'], { cwd: ROOT, env, readyTimeoutMs: 60_000, ready: (l) => /^LISTENING (\d+)/.exec(l)?.[1] ?? null }),
  ]);
  const base = (port: string) => `http://127.0.0.1:${port}`;
  pids.mysqld = findPidByComm(['mariadbd', 'mysqld']) ?? 0;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  pids.redis = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);
  redis.disconnect();

  let fileNo = 0;
  const writeLines = (lines: string[]) => {
    const file = join(work, `lines-${fileNo++}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  // Every (person, hall, service) at most once: a person holds one live ticket per service and hall.
  let combo = 0;
  const takeLine = () => {
    const k = combo++;
    const person = k % citizens.length;
    const slot = Math.floor(k / citizens.length);
    const hall = hallIds[(person + slot) % hallIds.length];
    const service = `${hall}-${slot % 2 === 0 ? 'a' : 'b'}`;
    return { token: citizens[person], hall, line: `${citizens[person]} POST /api/v1/halls/${hall}/tickets {"mode":"remote","serviceId":"${service}","location":{"lat":${LOCATION.lat},"lng":${LOCATION.lng}}}` };
  };
  // Enough fresh (person, hall, service) lines that a slice never wraps into ALREADY_QUEUED answers.
  const perSlice = 20_000;
  const takeLines = () => writeLines(Array.from({ length: perSlice }, () => takeLine().line));

  // The tickets whose live view is read: taken before the rounds, as citizens do, not measured.
  const bffUrl = base(bff.value);
  const viewers: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const { token, line } = takeLine();
    const [, , , path, body] = /^(\S+) (\S+) (\S+) (.+)$/.exec(line) as RegExpExecArray;
    const res = await fetch(bffUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-prep-${i}-xxxxxx` }, body });
    const json = (await res.json()) as { ticket?: { id: string; position: number | null; eta: unknown } };
    if (res.status !== 201 || !json.ticket) throw new Error(`prep take: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    viewers.push(`${token} GET /api/v1/tickets/${json.ticket.id} -`);
  }
  const positionLines = writeLines(viewers);
  const windows = hallIds.flatMap((h) => [1, 2, 3].map((n) => `${staffToken} POST /api/v1/windows/${h}-w${n}/call-next -`));
  const callLines = writeLines(windows);
  const bareLines = writeLines(['x GET /bench -']);
  const targets: Record<PathName, Target> = {
    bare: { name: 'bare', url: base(bare.value), pid: bare.child.pid, lines: () => bareLines },
    take: { name: 'take', url: bffUrl, pid: bff.child.pid, lines: takeLines },
    callNext: { name: 'callNext', url: bffUrl, pid: bff.child.pid, lines: () => callLines },
    position: { name: 'position', url: bffUrl, pid: bff.child.pid, lines: () => positionLines },
  };

  log('');
  log('govpass service-hall queue benchmark');
  log('  A bare      bare Koa answering GET with JSON (own process): the HTTP floor');
  log('  B take      POST /api/v1/halls/{id}/tickets (remote, in range): Lua take + live view + durable INSERT → 201');
  log('  C callNext  POST /api/v1/windows/{id}/call-next as staff: heads, ordering rule, Lua claim, UPDATE, audit, outbox (204 = nobody waiting)');
  log('  D position  GET /api/v1/tickets/{id}: the citizen\'s live view (position, ahead, now serving, ETA range)');
  log(`  ${OPTS.halls} halls × 2 services × 3 windows; wrk -t${OPTS.threads} -c${OPTS.connections}; ${OPTS.rounds} rounds of ${OPTS.sliceSec} s slices`);
  log('  node µs: the path\'s server process CPU per ok answer; all µs = node + redis + mysqld + wrk over the same window');
  log('');

  const slices: Slice[] = [];
  const runRound = async (round: number, seconds: number) => {
    for (const p of PATHS) {
      if (Date.now() + seconds * 1000 + 20_000 > DEADLINE) throw new Error('time limit reached');
      const s = await runSlice(targets[p], round, seconds);
      log(sliceLine(s));
      if (round > 0) slices.push(s);
      await sleep(250);
    }
  };
  if (OPTS.warmupSec > 0) {
    log(`warm-up (${OPTS.warmupSec} s per path, not counted)`);
    await runRound(0, OPTS.warmupSec);
  }
  for (let r = 1; r <= OPTS.rounds; r++) {
    log(`round ${r}/${OPTS.rounds}`);
    await runRound(r, OPTS.sliceSec);
  }
  await Promise.all([bff, bare].map((s) => stopChild(s.child, 10_000)));
  const eta = simulateDay(TYPICAL_DAY);
  report(slices, eta);
  await cleanups.run();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify(summary(slices, eta)));
}

function stats(slices: Slice[]) {
  const of = (p: PathName) => slices.filter((s) => s.path === p);
  const med = (p: PathName, f: (s: Slice) => number) => median(of(p).map(f));
  const at = (p: PathName, r: number) => slices.find((s) => s.path === p && s.round === r);
  const ratio = (a: PathName, b: PathName) => median(Array.from({ length: OPTS.rounds }, (_, i) => (at(a, i + 1)?.okRps ?? NaN) / (at(b, i + 1)?.okRps ?? NaN)));
  const allUs = (p: PathName) => med(p, (s) => s.nodeUs + s.redisUs + s.mysqldUs + s.wrkUs);
  const serverUs = (p: PathName) => med(p, (s) => s.nodeUs + s.redisUs + s.mysqldUs);
  return { of, med, ratio, allUs, serverUs };
}

function report(slices: Slice[], eta: ReturnType<typeof simulateDay>): void {
  const { of, med, ratio, allUs, serverUs } = stats(slices);
  log('');
  log(`medians over ${OPTS.rounds} rounds    ok/s    p50 ms   p99 ms   node µs  redis µs  mysqld µs  all µs  (no wrk)   status mix`);
  for (const p of PATHS) {
    const totals: Record<string, number> = {};
    for (const s of of(p)) for (const [k, v] of Object.entries(s.statuses)) totals[k] = (totals[k] ?? 0) + v;
    log(`  ${LETTER[p]} ${p.padEnd(9)} ${pad(r0(med(p, (s) => s.okRps)), 6)}/s ${pad(med(p, (s) => s.p50Ms).toFixed(1), 7)} ${pad(med(p, (s) => s.p99Ms).toFixed(1), 8)} ${pad(r0(med(p, (s) => s.nodeUs)), 9)} ${pad(r0(med(p, (s) => s.redisUs)), 9)} ${pad(r0(med(p, (s) => s.mysqldUs)), 10)} ${pad(r0(allUs(p)), 7)} ${pad(r0(serverUs(p)), 9)}   ${mix(totals)}`);
  }
  const line = (name: string, v: number, want: string, met: boolean) => `  ${name.padEnd(30)} ${pad(Number.isFinite(v) ? r2(v) : 'n/a', 7)}  target ${want}  ${Number.isFinite(v) ? (met ? 'met' : 'MISSED') : ''}`;
  log('');
  log(line('position / bare (req/s)', ratio('position', 'bare'), '≥ 0.8', ratio('position', 'bare') >= 0.8));
  log(line('take: all-process CPU µs', allUs('take'), '≤ 250', allUs('take') <= 250));
  log(line('callNext: all-process CPU µs', allUs('callNext'), '≤ 250', allUs('callNext') <= 250));
  log(`  ETA on the simulated day: P50 off by ${eta.meanAbsErrorMin} min on average, ${eta.p90AbsErrorMin} min at the 90th percentile; called within the P90 given: ${eta.withinP90Share}`);
}

function summary(slices: Slice[], eta: ReturnType<typeof simulateDay>): Record<string, unknown> {
  const { med, ratio, allUs, serverUs } = stats(slices);
  const perPath = (f: (p: PathName) => number) => Object.fromEntries(PATHS.map((p) => [p, f(p)]));
  return {
    rounds: OPTS.rounds,
    sliceSeconds: OPTS.sliceSec,
    connections: OPTS.connections,
    halls: OPTS.halls,
    rps: perPath((p) => r0(med(p, (s) => s.okRps))),
    p50Ms: perPath((p) => r2(med(p, (s) => s.p50Ms))),
    p99Ms: perPath((p) => r2(med(p, (s) => s.p99Ms))),
    nodeCpuUs: perPath((p) => r0(med(p, (s) => s.nodeUs))),
    allProcessesCpuUs: perPath((p) => r0(allUs(p))),
    serverProcessesCpuUs: perPath((p) => r0(serverUs(p))),
    positionVsBare: nullIfNaN(r2(ratio('position', 'bare'))),
    takeTicketCpuUsAllProcesses: nullIfNaN(r0(allUs('take'))),
    callNextCpuUsAllProcesses: nullIfNaN(r0(allUs('callNext'))),
    etaP90ErrorMin: eta.p90AbsErrorMin,
    etaMeanErrorMin: eta.meanAbsErrorMin,
    etaWithinP90Share: eta.withinP90Share,
  };
}

const hardStop = setTimeout(() => {
  process.stderr.write('bench: time limit reached, stopping\n');
  void cleanups.run().finally(() => process.exit(1));
}, DEADLINE - Date.now() + 30_000);
hardStop.unref();

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    if (cleanups.interrupted) return;
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    await cleanups.run();
    process.exit(1);
  });
