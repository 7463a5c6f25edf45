/**
 * `npm run bench:health` — the personal code and its verification (see bench/README.md).
 *
 * Five paths, each served by its own process where it can be, measured in the same run in
 * alternating short slices so that the machine's noise hits all of them alike:
 *   A bare         bare Koa + @koa/bodyparser, GET answered with JSON (bench/crypto-floor-server.ts bare)
 *   B signFloor    the same, plus one Ed25519 signature per request (… sign): what a code can approach
 *   C verifyFloor  the same as a POST {code}, plus one Ed25519 verification (… verify)
 *   D code         GET /api/v1/health/code of the real BFF (Redis + MySQL): session, status from the
 *                  cache, signed personal code
 *   E verify       POST /api/v1/codes/verify of the same BFF as a verifier: session, role, signature,
 *                  expiry, person, current colour
 *   F pipeline     GET /healthz of the same BFF: every global middleware and the routers, no work —
 *                  what any route of the BFF pays before its own (F − A)
 * The last line printed is one JSON object with codeVsBare, codeVsSignFloor, verifyVsBare,
 * verifyVsVerifyFloor and codeCpuUsAllProcesses (medians over rounds of per-round values).
 *
 * Options: --persons=20000 --rounds=5 --slice=4 --warmup=2 --connections=32 --threads=1 --verifiers=16 --cpu-prof
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '@govpass/config';
import { buildApp } from '../bff/src/app';
import { mapBounded } from '../bff/src/domains/masks/hot-path/hot-path-settings';
import { summarizeCpuProfile } from './lib/cpu-profile';
import { serverBundler } from './lib/bundles';
import { Cleanups } from './lib/cleanups';
import { cpuMicros, findPidByComm, startServer, stopChild } from './lib/processes';
import { createScratchStores } from './lib/scratch';
import { seedWorld, type SeededWorld } from './lib/seed';
import { median, mix, nullIfNaN, pad, r0, r2 } from './lib/stats';
import { ensureWrk, runWrk } from './lib/wrk';

const ROOT = resolve(__dirname, '..');
const BENCH = __dirname;
const STARTED = Date.now();

function intOption(name: string, fallback: number, min: number, max: number): number {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  const v = hit ? Number(hit.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be an integer in [${min}, ${max}]`);
  return v;
}

const OPTS = {
  persons: intOption('persons', 20_000, 1_000, 500_000),
  rounds: intOption('rounds', 5, 1, 20),
  sliceSec: intOption('slice', 4, 1, 60),
  warmupSec: intOption('warmup', 2, 0, 60),
  connections: intOption('connections', 32, 1, 1024),
  threads: intOption('threads', 1, 1, 8),
  verifiers: intOption('verifiers', 16, 1, 1000),
  /** Profile the BFF (written to bench/profiles, summarised at the end). */
  cpuProf: process.argv.includes('--cpu-prof'),
};
const MYSQL_ADMIN_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEADLINE = STARTED + intOption('time-limit', 600, 60, 3600) * 1000;

type PathName = 'bare' | 'signFloor' | 'verifyFloor' | 'code' | 'verify' | 'pipeline';
const PATHS: PathName[] = ['bare', 'signFloor', 'verifyFloor', 'code', 'verify', 'pipeline'];
const LETTER: Record<PathName, string> = { bare: 'A', signFloor: 'B', verifyFloor: 'C', code: 'D', verify: 'E', pipeline: 'F' };

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cleanups = new Cleanups();
cleanups.onSignals();

interface Target {
  name: PathName;
  url: string;
  method: 'GET' | 'POST';
  path: string;
  pid: number;
  /** The lines file of a slice: "<token> <code or ->". */
  lines: () => Promise<string>;
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

async function runSlice(t: Target, round: number, seconds: number): Promise<Slice> {
  const file = await t.lines();
  const before = { node: cpuMicros(t.pid), redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (before.node === null) throw new Error(`the ${t.name} server (pid ${t.pid}) is gone`);
  const w = await runWrk({ url: t.url, threads: OPTS.threads, connections: OPTS.connections, seconds, script: join(BENCH, 'wrk-health.lua'), scriptArgs: [file, t.method, t.path, String(OPTS.threads)] });
  const after = { node: cpuMicros(t.pid), redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (after.node === null) throw new Error(`the ${t.name} server (pid ${t.pid}) died during the slice`);
  const ok = w.statuses['200'] ?? 0;
  const per = (us: number) => (ok > 0 ? us / ok : NaN);
  return {
    path: t.name,
    round,
    ok,
    okRps: ok / (w.durationUs / 1e6),
    p50Ms: w.p50Us / 1000,
    p99Ms: w.p99Us / 1000,
    nodeUs: per(after.node - before.node),
    redisUs: per(after.redis - before.redis),
    mysqldUs: per(after.mysqld - before.mysqld),
    wrkUs: per(w.cpuUs),
    statuses: w.statuses,
    errors: w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout,
  };
}

function sliceLine(s: Slice): string {
  const flags = s.errors ? `  !! ${s.errors} socket errors/timeouts` : '';
  return `  ${LETTER[s.path]} ${s.path.padEnd(11)} ${pad(r0(s.okRps), 6)} 200/s  p50 ${pad(s.p50Ms.toFixed(1), 5)} ms  p99 ${pad(s.p99Ms.toFixed(1), 6)} ms  node ${pad(r0(s.nodeUs), 4)} µs  redis ${pad(r0(s.redisUs), 3)} µs  mysqld ${pad(r0(s.mysqldUs), 3)} µs  wrk ${pad(r0(s.wrkUs), 3)} µs  [${mix(s.statuses)}]${flags}`;
}

function printHeader(): void {
  log('');
  log('govpass personal-code benchmark');
  log('  A bare         bare Koa + @koa/bodyparser answering GET with JSON (own process): the HTTP floor');
  log('  B signFloor    A + one Ed25519 signature (node:crypto) per request: the floor of a personal code');
  log('  C verifyFloor  A as POST {code} + one Ed25519 verification per request: the floor of online verification');
  log('  D code         GET /api/v1/health/code on the real BFF (Redis + MySQL): session, family check, status');
  log('                 from the cache, masked name, signed code');
  log('  E verify       POST /api/v1/codes/verify on the same BFF as a verifier: session, role, parse, signature,');
  log('                 expiry, ref → person, current colour, masked name');
  log('  F pipeline     GET /healthz on the same BFF: the global middleware and routers alone (what every route pays)');
  log(`  load: wrk -t${OPTS.threads} -c${OPTS.connections}; ${OPTS.warmupSec} s warm-up per path, then ${OPTS.rounds} rounds of A B C D E F slices of ${OPTS.sliceSec} s`);
  log('  node µs: user+sys CPU of that path\'s server process per 200; redis/mysqld/wrk: theirs over the same window');
  log('  Absolute req/s on this shared 2-core machine swing 2x between runs: read the RATIOS (same run, alternating slices).');
  log('');
}

/** Fresh live codes (60 s) of the first `count` citizens, fetched as the mini-program does. */
async function freshCodes(baseUrl: string, world: SeededWorld, count: number): Promise<string[]> {
  const codes = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await fetch(`${baseUrl}/api/v1/health/code`, { headers: { authorization: `Bearer ${world.tokens[i]}` } });
      const body = (await res.json()) as { code?: string };
      if (res.status !== 200 || !body.code) throw new Error(`GET /api/v1/health/code: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      codes[i] = body.code;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return codes;
}

async function main(): Promise<void> {
  await ensureWrk(log);
  const scratch = await createScratchStores(MYSQL_ADMIN_URL, REDIS_URL, cleanups, log);
  const work = mkdtempSync(join(tmpdir(), 'gp-bench-health-'));
  cleanups.add('line files', async () => rmSync(work, { recursive: true, force: true }));
  const appEnv = { NODE_ENV: 'test', MYSQL_URL: scratch.mysqlUrl, REDIS_URL, REDIS_KEY_PREFIX: scratch.prefix, PORT: '0', HOST: '127.0.0.1', INSTANCE_NAME: `bench-${scratch.tag}` };

  log(`seeding ${scratch.dbName} + Redis prefix ${scratch.prefix} …`);
  const app = await buildApp(loadConfig({ env: { ...appEnv, MASK_WORKERS: 'false' } }));
  let world: SeededWorld;
  try {
    world = await seedWorld(app, { persons: OPTS.persons, sessionConcurrency: 256, insertChunk: 2000, deadline: STARTED + 240_000, log: (m) => log(`  ${m}`) });
    for (const accountId of world.accountIds.slice(-OPTS.verifiers)) {
      await app.services.roles.grant('bench', { accountId, role: 'verifier', scopeId: null }, null);
    }
    // The morning peak meets people whose status and code ref were made days ago: make them now
    // (durable in MySQL, cached in Redis), so the slices measure the steady state, not first use.
    const t0 = Date.now();
    await mapBounded(world.personIds, 64, async (personId) => {
      const status = await app.services.health.statusOf(personId);
      await app.services.personalCode.issueLive(personId, status.colour);
    });
    log(`  statuses and code refs: ${world.personIds.length} computed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await app.close();
  }
  const verifierTokens = world.tokens.slice(-OPTS.verifiers);
  const citizens = OPTS.persons - OPTS.verifiers;

  const bundle = serverBundler(ROOT, scratch.tag, cleanups);
  const [bffJs, floorJs] = await Promise.all([bundle('bff/src/server.ts'), bundle('bench/crypto-floor-server.ts')]);
  const env = { ...process.env, ...appEnv };
  const listening = (line: string) => /^LISTENING (\d+)/.exec(line)?.[1] ?? null;
  const bffReady = (l: string) => /running at http:\/\/localhost:(\d+)/.exec(l)?.[1] ?? null;
  const node = process.execPath;
  const profDir = join(BENCH, 'profiles', `health-${scratch.tag}`);
  const profArgs = OPTS.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  if (OPTS.cpuProf) mkdirSync(profDir, { recursive: true });
  const [bff, bare, sign, verify] = await Promise.all([
    startServer('BFF', node, [...profArgs, bffJs], { cwd: ROOT, env, readyTimeoutMs: 60_000, ready: bffReady }),
    ...(['bare', 'sign', 'verify'] as const).map((mode) => startServer(`floor ${mode}`, node, [floorJs, mode], { cwd: ROOT, env, readyTimeoutMs: 60_000, ready: listening })),
  ]);
  const base = (port: string) => `http://127.0.0.1:${port}`;
  pids.mysqld = findPidByComm(['mariadbd', 'mysqld']) ?? 0;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  pids.redis = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);
  redis.disconnect();
  if (pids.redis && cpuMicros(pids.redis) === null) pids.redis = 0;

  let fileNo = 0;
  const writeLines = (lines: string[]) => {
    const file = join(work, `lines-${fileNo++}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const citizenLines = writeLines(world.tokens.slice(0, citizens).map((t) => `${t} -`));
  // Codes live 60 s: each verify slice gets codes fetched just before it (not counted in the slice).
  const CODES = Math.min(2000, citizens);
  const verifyLines = async () => {
    const codes = await freshCodes(base(bff.value), world, CODES);
    return writeLines(codes.map((c, i) => `${verifierTokens[i % verifierTokens.length]} ${c}`));
  };
  const floorCode = writeLines([`x ${'A'.repeat(120)}`]);
  const targets: Record<PathName, Target> = {
    bare: { name: 'bare', url: base(bare.value), method: 'GET', path: '/bench', pid: bare.child.pid, lines: async () => citizenLines },
    signFloor: { name: 'signFloor', url: base(sign.value), method: 'GET', path: '/bench', pid: sign.child.pid, lines: async () => citizenLines },
    verifyFloor: { name: 'verifyFloor', url: base(verify.value), method: 'POST', path: '/bench', pid: verify.child.pid, lines: async () => floorCode },
    code: { name: 'code', url: base(bff.value), method: 'GET', path: '/api/v1/health/code', pid: bff.child.pid, lines: async () => citizenLines },
    verify: { name: 'verify', url: base(bff.value), method: 'POST', path: '/api/v1/codes/verify', pid: bff.child.pid, lines: verifyLines },
    pipeline: { name: 'pipeline', url: base(bff.value), method: 'GET', path: '/healthz', pid: bff.child.pid, lines: async () => citizenLines },
  };

  // Probe: a verifier sees a citizen's code as valid and green; a citizen may not verify.
  const [probeCode] = await freshCodes(base(bff.value), world, 1);
  const probe = await fetch(`${base(bff.value)}/api/v1/codes/verify`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${verifierTokens[0]}` }, body: JSON.stringify({ code: probeCode }) });
  const probeBody = (await probe.json()) as { valid?: boolean; colour?: string; person?: { maskedName: string } };
  if (probe.status !== 200 || probeBody.valid !== true) throw new Error(`probe verify: ${probe.status} ${JSON.stringify(probeBody)}`);
  const refused = await fetch(`${base(bff.value)}/api/v1/codes/verify`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens[1]}` }, body: JSON.stringify({ code: probeCode }) });
  if (refused.status !== 403) throw new Error(`a citizen verifying should get 403, got ${refused.status}`);

  printHeader();
  log(`servers: BFF pid ${bff.child.pid}, floors pid ${bare.child.pid}/${sign.child.pid}/${verify.child.pid}; redis-server pid ${pids.redis || '?'}, mariadbd pid ${pids.mysqld || '?'}`);
  log(`probe: code ${probeCode.length} characters, verified ${probeBody.colour} for ${probeBody.person?.maskedName}; a citizen gets 403`);

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
  await Promise.all([bff, bare, sign, verify].map((s) => stopChild(s.child, 10_000)));
  report(slices);
  if (OPTS.cpuProf) {
    const file = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profDir, f))[0];
    log('');
    log(file ? `CPU profile of the BFF (code and verify slices together): ${file}` : `no CPU profile in ${profDir}`);
    if (file) for (const l of summarizeCpuProfile(file, ROOT)) log(`  ${l}`);
  }
  await cleanups.run();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify(summary(slices)));
}

function stats(slices: Slice[]) {
  const of = (p: PathName) => slices.filter((s) => s.path === p);
  const med = (p: PathName, f: (s: Slice) => number) => median(of(p).map(f));
  const at = (p: PathName, r: number) => slices.find((s) => s.path === p && s.round === r);
  const ratio = (a: PathName, b: PathName) => median(Array.from({ length: OPTS.rounds }, (_, i) => (at(a, i + 1)?.okRps ?? NaN) / (at(b, i + 1)?.okRps ?? NaN)));
  const allUs = (p: PathName) => med(p, (s) => s.nodeUs + s.redisUs + s.mysqldUs + s.wrkUs);
  return { of, med, ratio, allUs };
}

function report(slices: Slice[]): void {
  const { of, med, ratio, allUs } = stats(slices);
  log('');
  log(`medians over ${OPTS.rounds} rounds     rate    p50 ms   p99 ms   node µs  redis µs  mysqld µs  all µs   status mix`);
  for (const p of PATHS) {
    const totals: Record<string, number> = {};
    for (const s of of(p)) for (const [k, v] of Object.entries(s.statuses)) totals[k] = (totals[k] ?? 0) + v;
    log(`  ${LETTER[p]} ${p.padEnd(11)} ${pad(r0(med(p, (s) => s.okRps)), 6)}/s ${pad(med(p, (s) => s.p50Ms).toFixed(1), 7)} ${pad(med(p, (s) => s.p99Ms).toFixed(1), 8)} ${pad(r0(med(p, (s) => s.nodeUs)), 9)} ${pad(r0(med(p, (s) => s.redisUs)), 9)} ${pad(r0(med(p, (s) => s.mysqldUs)), 10)} ${pad(r0(allUs(p)), 7)}   ${mix(totals)}`);
  }
  const node = (p: PathName) => med(p, (s) => s.nodeUs);
  log('');
  log('where the time goes (Node CPU per request, medians)');
  log(`  signature   ${pad(r0(node('signFloor') - node('bare')), 5)} µs  signFloor − bare: one Ed25519 signature`);
  log(`  verification${pad(r0(node('verifyFloor') - node('bare')), 5)} µs  verifyFloor − bare: one Ed25519 verification (+ a small body)`);
  log(`  code        ${pad(r0(node('code') - node('signFloor')), 5)} µs  code − signFloor: session, family check, cached status, masked name, routing, error model`);
  log(`  verify      ${pad(r0(node('verify') - node('verifyFloor')), 5)} µs  verify − verifyFloor: session, role, parse, ref → person, colour, masked name`);
  log(`  pipeline    ${pad(r0(node('pipeline') - node('bare')), 5)} µs  pipeline − bare: the BFF's global middleware and routers, paid by every route`);
  const cores = availableParallelism();
  const peak = 20_000;
  log('');
  log(`capacity: at ${r0(allUs('verify'))} µs of CPU per verification over all processes (load generator included),`);
  log(`  ${peak} scans/s (Xi'an's design peak) need ${r2((peak * allUs('verify')) / 1e6)} cores; this machine has ${cores}`);
  const line = (name: string, v: number, want: number) => `  ${name.padEnd(22)} ${pad(Number.isFinite(v) ? r2(v) : 'n/a', 6)}  target ≥ ${want}  ${Number.isFinite(v) ? (v >= want ? 'met' : 'MISSED') : ''}`;
  log('');
  log('ratios (median over rounds of the per-round ratio)');
  log(line('code / signFloor', ratio('code', 'signFloor'), 0.8));
  log(line('verify / verifyFloor', ratio('verify', 'verifyFloor'), 0.8));
  log(`  code / bare            ${pad(r2(ratio('code', 'bare')), 6)}`);
  log(`  verify / bare          ${pad(r2(ratio('verify', 'bare')), 6)}`);
  log(`  pipeline / bare        ${pad(r2(ratio('pipeline', 'bare')), 6)}   (the BFF answering nothing, against bare Koa)`);
}

function summary(slices: Slice[]): Record<string, unknown> {
  const { med, ratio, allUs } = stats(slices);
  const perPath = (f: (p: PathName) => number) => Object.fromEntries(PATHS.map((p) => [p, f(p)]));
  return {
    rounds: OPTS.rounds,
    sliceSeconds: OPTS.sliceSec,
    connections: OPTS.connections,
    persons: OPTS.persons,
    rps: perPath((p) => r0(med(p, (s) => s.okRps))),
    p50Ms: perPath((p) => r2(med(p, (s) => s.p50Ms))),
    p99Ms: perPath((p) => r2(med(p, (s) => s.p99Ms))),
    nodeCpuUs: perPath((p) => r0(med(p, (s) => s.nodeUs))),
    allProcessesCpuUs: perPath((p) => r0(allUs(p))),
    codeVsBare: nullIfNaN(r2(ratio('code', 'bare'))),
    codeVsSignFloor: nullIfNaN(r2(ratio('code', 'signFloor'))),
    verifyVsBare: nullIfNaN(r2(ratio('verify', 'bare'))),
    verifyVsVerifyFloor: nullIfNaN(r2(ratio('verify', 'verifyFloor'))),
    pipelineVsBare: nullIfNaN(r2(ratio('pipeline', 'bare'))),
    codeCpuUsAllProcesses: nullIfNaN(r0(allUs('code'))),
    verifyCpuUsAllProcesses: nullIfNaN(r0(allUs('verify'))),
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
