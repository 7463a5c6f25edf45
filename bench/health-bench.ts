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
 *          --paths=bare,signFloor,verifyFloor,code,verify,pipeline (a subset: e.g. one route's profile;
 *          the diagnostic floors laneFloor, laneSign, laneSignAsync, laneVerify run only when named)
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { mapBounded } from '../bff/src/domains/masks/hot-path/hot-path-settings';
import { logCpuProfile, prepareBench, setupApp, runBench, startBffAndFloors } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { intOption, pathsOption, sliceOptions } from './lib/options';
import { stopChild } from './lib/processes';
import { seedWorld, type SeededWorld } from './lib/seed';
import { errorFlag, findStorePids, summaryHead, runSlices, sliceCells, sliceStats, type Slice, type SliceTarget } from './lib/slices';
import { mix, nullIfNaN, pad, r0, r2 } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const BENCH = __dirname;
const STARTED = Date.now();

const OPTS = {
  persons: intOption('persons', 20_000, 1_000, 500_000),
  ...sliceOptions(),
  verifiers: intOption('verifiers', 16, 1, 1000),
  /** Profile the BFF (written to bench/profiles, summarised at the end). */
  cpuProf: process.argv.includes('--cpu-prof'),
};
const DEADLINE = STARTED + intOption('time-limit', 600, 60, 3600) * 1000;

type PathName = 'bare' | 'signFloor' | 'verifyFloor' | 'code' | 'verify' | 'pipeline' | 'laneFloor' | 'laneSign' | 'laneSignAsync' | 'laneVerify';
const ALL_PATHS: PathName[] = ['bare', 'signFloor', 'verifyFloor', 'code', 'verify', 'pipeline', 'laneFloor', 'laneSign', 'laneSignAsync', 'laneVerify'];
/** Diagnostic floors, run only when named in --paths. */
const LANE_PATHS: PathName[] = ['laneFloor', 'laneSign', 'laneSignAsync', 'laneVerify'];
/** `--paths=bare,signFloor,code`: only these slices (a profile of one route, a quicker A/B); the ratios need their two paths. */
const PATHS: PathName[] = pathsOption(ALL_PATHS, { byNameOnly: LANE_PATHS });
const LETTER: Record<PathName, string> = { bare: 'A', signFloor: 'B', verifyFloor: 'C', code: 'D', verify: 'E', pipeline: 'F', laneFloor: 'G', laneSign: 'H', laneSignAsync: 'I', laneVerify: 'J' };

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const cleanups = new Cleanups();
cleanups.onSignals();

function sliceLine(s: Slice<PathName>): string {
  return `  ${LETTER[s.path]} ${s.path.padEnd(11)} ${pad(r0(s.okRps), 6)} 200/s  ${sliceCells(s)}${errorFlag(s)}`;
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
  if (PATHS.includes('laneSign')) log('  H laneSign     G + one Ed25519 signature in the route (own process): the signing floor on the lane');
  if (PATHS.includes('laneSignAsync')) log('  I laneSignAsync H answered after three settled awaits (own process): a route whose reads hit caches');
  if (PATHS.includes('laneVerify')) log('  J laneVerify   G as a POST + one Ed25519 verification in the route (own process): the verifying floor on the lane');
  if (PATHS.includes('laneFloor')) log('  G laneFloor    the fast lane with the app\'s request pipeline and a route answering as A (own process): what a lane route pays');
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
  const ws = await prepareBench('health', cleanups, log);
  const { scratch, appEnv, writeLines } = ws;

  log(`seeding ${scratch.dbName} + Redis prefix ${scratch.prefix} …`);
  const app = await setupApp(ws);
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

  const profDir = OPTS.cpuProf ? join(BENCH, 'profiles', `health-${scratch.tag}`) : undefined;
  const { bff, floors, base } = await startBffAndFloors(ROOT, ws, cleanups, ['bare', 'sign', 'verify', 'lane', 'lane-sign', 'lane-sign-async', 'lane-verify'] as const, profDir);
  const { bare, sign, verify, lane } = floors;
  const pids = await findStorePids(appEnv.REDIS_URL);

  const citizenLines = writeLines(world.tokens.slice(0, citizens).map((t) => `${t} -`));
  // Codes live 60 s: each verify slice gets codes fetched just before it (not counted in the slice).
  const CODES = Math.min(2000, citizens);
  const verifyLines = async () => {
    const codes = await freshCodes(base(bff.value), world, CODES);
    return writeLines(codes.map((c, i) => `${verifierTokens[i % verifierTokens.length]} ${c}`));
  };
  const floorCode = writeLines([`x ${'A'.repeat(120)}`]);
  const script = join(BENCH, 'wrk-health.lua');
  const target = (name: PathName, port: string, pid: number, method: 'GET' | 'POST', path: string, lines: () => Promise<string> | string): SliceTarget<PathName> => ({
    name,
    url: base(port),
    pid,
    script,
    args: async () => [await lines(), method, path, String(OPTS.threads)],
  });
  const targets: Record<PathName, SliceTarget<PathName>> = {
    bare: target('bare', bare.value, bare.child.pid, 'GET', '/bench', () => citizenLines),
    signFloor: target('signFloor', sign.value, sign.child.pid, 'GET', '/bench', () => citizenLines),
    verifyFloor: target('verifyFloor', verify.value, verify.child.pid, 'POST', '/bench', () => floorCode),
    code: target('code', bff.value, bff.child.pid, 'GET', '/api/v1/health/code', () => citizenLines),
    verify: target('verify', bff.value, bff.child.pid, 'POST', '/api/v1/codes/verify', verifyLines),
    pipeline: target('pipeline', bff.value, bff.child.pid, 'GET', '/healthz', () => citizenLines),
    laneFloor: target('laneFloor', lane.value, lane.child.pid, 'GET', '/bench', () => citizenLines),
    laneSign: target('laneSign', floors['lane-sign'].value, floors['lane-sign'].child.pid, 'GET', '/bench', () => citizenLines),
    laneSignAsync: target('laneSignAsync', floors['lane-sign-async'].value, floors['lane-sign-async'].child.pid, 'GET', '/bench', () => citizenLines),
    laneVerify: target('laneVerify', floors['lane-verify'].value, floors['lane-verify'].child.pid, 'POST', '/bench', () => floorCode),
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

  const slices = await runSlices({ paths: PATHS, targets, pids, opts: OPTS, deadline: DEADLINE, log, line: sliceLine });
  await Promise.all([bff, ...Object.values(floors)].map((s) => stopChild(s.child, 10_000)));
  report(slices);
  if (profDir) logCpuProfile(profDir, ROOT, 'code and verify slices together', log);
  await cleanups.run();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify(summary(slices)));
}

function report(slices: Slice<PathName>[]): void {
  const { med, ratio, allUs, statusTotals, medianCells } = sliceStats(slices, OPTS.rounds);
  log('');
  log(`medians over ${OPTS.rounds} rounds     rate    p50 ms   p99 ms   node µs  redis µs  mysqld µs  all µs   status mix`);
  for (const p of PATHS) {
    log(`  ${LETTER[p]} ${p.padEnd(11)} ${medianCells(p)}   ${mix(statusTotals(p))}`);
  }
  const node = (p: PathName) => med(p, (s) => s.nodeUs);
  log('');
  log('where the time goes (Node CPU per request, medians)');
  log(`  signature   ${pad(r0(node('signFloor') - node('bare')), 5)} µs  signFloor − bare: one Ed25519 signature`);
  log(`  verification${pad(r0(node('verifyFloor') - node('bare')), 5)} µs  verifyFloor − bare: one Ed25519 verification (+ a small body)`);
  log(`  code        ${pad(r0(node('code') - node('signFloor')), 5)} µs  code − signFloor: session, family check, cached status, masked name, routing, error model`);
  log(`  verify      ${pad(r0(node('verify') - node('verifyFloor')), 5)} µs  verify − verifyFloor: session, role, parse, ref → person, colour, masked name`);
  log(`  pipeline    ${pad(r0(node('pipeline') - node('bare')), 5)} µs  pipeline − bare: the BFF's global middleware and routers, paid by every route`);
  if (PATHS.includes('laneFloor')) log(`  lane        ${pad(r0(node('laneFloor') - node('bare')), 5)} µs  laneFloor − bare: the fast lane's pipeline steps, paid by every lane route`);
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
  if (PATHS.includes('laneFloor')) log(`  laneFloor / bare       ${pad(r2(ratio('laneFloor', 'bare')), 6)}   (the fast lane answering nothing, against bare Koa)`);
}

function summary(slices: Slice<PathName>[]): Record<string, unknown> {
  const st = sliceStats(slices, OPTS.rounds);
  const { ratio, allUs } = st;
  return {
    ...summaryHead(OPTS, { persons: OPTS.persons }, st, PATHS),
    codeVsBare: nullIfNaN(r2(ratio('code', 'bare'))),
    codeVsSignFloor: nullIfNaN(r2(ratio('code', 'signFloor'))),
    verifyVsBare: nullIfNaN(r2(ratio('verify', 'bare'))),
    verifyVsVerifyFloor: nullIfNaN(r2(ratio('verify', 'verifyFloor'))),
    pipelineVsBare: nullIfNaN(r2(ratio('pipeline', 'bare'))),
    laneFloorVsBare: nullIfNaN(r2(ratio('laneFloor', 'bare'))),
    laneFloorNodeCpuUs: nullIfNaN(r0(st.med('laneFloor', (s) => s.nodeUs))),
    codeCpuUsAllProcesses: nullIfNaN(r0(allUs('code'))),
    verifyCpuUsAllProcesses: nullIfNaN(r0(allUs('verify'))),
  };
}

runBench(main, cleanups, DEADLINE);
