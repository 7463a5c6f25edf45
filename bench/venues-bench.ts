/**
 * `npm run bench:venues` — venue check-in (durable) and contact tracing at city scale (see bench/README.md).
 *
 * Part 1, two paths measured in the same run in alternating short slices, so the machine's noise
 * hits both alike:
 *   A bare      bare Koa + @koa/bodyparser answering POST {venueCode} with JSON (bench/crypto-floor-server.ts bare)
 *   B checkin   POST /api/v1/venues/checkins of the real BFF (Redis + MariaDB): session, poster code
 *               (verified once, cached), checkin.lua (dedupe, daily cap, append to the durable
 *               stream), colour, masked name — answered once durable; the BFF's own consumer writes
 *               the rows to MariaDB in batches during the same slices (its CPU and mysqld's counted).
 *   Every check-in line is a new (person, venue) pair, so each one is recorded (not a duplicate).
 * Part 2: 1,000,000 check-ins seeded in venue_checkins (2,000 venues, 14 days), then one case with
 * 10 check-ins in its window traced through POST /api/v1/health/traces (first run, then the re-run).
 * The last line printed is one JSON object with checkinVsBare, checkinCpuUsAllProcesses,
 * checkinNodeCpuUs and traceMs.
 *
 * Options: --persons=8000 --venues=50 --rounds=5 --slice=4 --warmup=2 --connections=32 --threads=1 --checkins=1000000
 */
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { withCheckChar } from '@govpass/shared-types';
import type { buildApp } from '../bff/src/app';
import { PiiCipher } from '../bff/src/infra/crypto/pii-cipher';
import { logCpuProfile, prepareBench, setupApp, runBench, startBffAndFloors } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { intOption, sliceOptions } from './lib/options';
import { stopChild } from './lib/processes';
import { seedWorld, type SeededWorld } from './lib/seed';
import { errorFlag, findStorePids, summaryHead, runSlices, sliceCells, sliceStats, type Slice, type SliceTarget } from './lib/slices';
import { mix, nullIfNaN, pad, r0, r2 } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const BENCH = __dirname;
const STARTED = Date.now();

const OPTS = {
  persons: intOption('persons', 8000, 1000, 200_000),
  venues: intOption('venues', 50, 1, 50),
  ...sliceOptions(),
  checkins: intOption('checkins', 1_000_000, 10_000, 10_000_000),
  /** Profile the BFF (written to bench/profiles, summarised at the end). */
  cpuProf: process.argv.includes('--cpu-prof'),
};
const DEADLINE = STARTED + intOption('time-limit', 900, 60, 3600) * 1000;
const LINES_PER_SLICE = 40_000;
const TRACE_VENUES = 2000;
const DAY = 86_400_000;

type PathName = 'bare' | 'checkin';
const PATHS: PathName[] = ['bare', 'checkin'];
const LETTER: Record<PathName, string> = { bare: 'A', checkin: 'B' };

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const cleanups = new Cleanups();
cleanups.onSignals();

function sliceLine(s: Slice<PathName>): string {
  const flags = `${errorFlag(s)}${s.wraps && s.path === 'checkin' ? `  !! ${s.wraps} wrapped (duplicates)` : ''}`;
  return `  ${LETTER[s.path]} ${s.path.padEnd(8)} ${pad(r0(s.okRps), 6)} 200/s  ${sliceCells(s)}${flags}`;
}

async function seedVenues(app: Awaited<ReturnType<typeof buildApp>>, count: number): Promise<string[]> {
  const op = { actor: 'bench', grants: [{ role: 'admin' as const, scopeId: null }], requestId: null };
  const codes: string[] = [];
  for (let v = 0; v < count; v++) {
    const res = await app.services.venues.venues.register(op, { id: `bv-${v}`, name: `基准场所${v}号`, address: `基准路${v}号`, district: '基准区', type: 'shop', lat: 31.2, lng: 121.4 });
    codes.push(res.poster.venueCode);
  }
  return codes;
}

/** 1,000,000 check-ins over 14 days at 2,000 venues by the seeded people, with MariaDB's sequence engine. */
async function seedCity(app: Awaited<ReturnType<typeof buildApp>>, world: SeededWorld, now: number): Promise<number> {
  const db = app.database.db;
  const t0 = Date.now();
  const venues = Array.from({ length: TRACE_VENUES }, (_, v) => ({ id: `cv-${v}`, name: `城市场所${v}号`, address: `城市路${v}号`, district: '基准区', type: 'shop', latitude: 31.2, longitude: 121.4, manager_account_id: null, created_at: now }));
  for (let i = 0; i < venues.length; i += 1000) await db.insertInto('venues').values(venues.slice(i, i + 1000)).execute();
  await sql`CREATE TABLE bench_people (n INT PRIMARY KEY, person_id VARCHAR(36) NOT NULL, account_id VARCHAR(36) NOT NULL)`.execute(db);
  // Everyone but person 0 (the case: only their own 10 check-ins) and the official.
  const people = world.personIds.slice(1, OPTS.persons).map((p, n) => ({ n, person_id: p, account_id: world.accountIds[n + 1] }));
  for (let i = 0; i < people.length; i += 2000) await sql`INSERT INTO bench_people (n, person_id, account_id) VALUES ${sql.join(people.slice(i, i + 2000).map((r) => sql`(${r.n}, ${r.person_id}, ${r.account_id})`))}`.execute(db);
  const start = now - 14 * DAY;
  const chunk = 100_000;
  for (let from = 1; from <= OPTS.checkins; from += chunk) {
    const to = Math.min(OPTS.checkins, from + chunk - 1);
    await sql`
      INSERT INTO venue_checkins (id, venue_id, person_id, account_id, checked_in_at)
      SELECT CONCAT('bc-', s.seq), CONCAT('cv-', (s.seq * 31) % ${TRACE_VENUES}), p.person_id, p.account_id, ${start} + ((s.seq * 7919) % 1209600) * 1000
      FROM ${sql.raw(`seq_${from}_to_${to}`)} s JOIN bench_people p ON p.n = s.seq % ${people.length}`.execute(db);
    if (Date.now() > DEADLINE) throw new Error('seeding the city took too long');
  }
  await sql`DROP TABLE bench_people`.execute(db);
  await sql`ANALYZE TABLE venue_checkins`.execute(db);
  return Date.now() - t0;
}

async function main(): Promise<void> {
  const ws = await prepareBench('venues', cleanups, log);
  const { scratch, appEnv, writeLines } = ws;

  log(`seeding ${scratch.dbName} + Redis prefix ${scratch.prefix} …`);
  const app = await setupApp(ws);
  let world: SeededWorld;
  let codes: string[];
  const caseId = withCheckChar('11010119700101001');
  let officialToken: string;
  try {
    world = await seedWorld(app, { persons: OPTS.persons + 1, sessionConcurrency: 256, insertChunk: 2000, deadline: STARTED + 240_000, log: (m) => log(`  ${m}`) });
    codes = await seedVenues(app, OPTS.venues);
    const officialAccount = world.accountIds[OPTS.persons];
    await app.services.roles.grant('bench', { accountId: officialAccount, role: 'health_official', scopeId: null }, null);
    officialToken = world.tokens[OPTS.persons];
    // The case: a seeded person with a real ID-number hash (the others have random ones).
    const cipher = new PiiCipher(app.config.security.piiEncryptionKey, app.config.security.piiHashKey);
    await app.database.db.updateTable('persons').set({ id_hash: cipher.hash('id', caseId) }).where('id', '=', world.personIds[0]).execute();
    // Warm statuses, as a morning of door scans would have.
    for (let i = 0; i < world.personIds.length; i += 256) await Promise.all(world.personIds.slice(i, i + 256).map((p) => app.services.health.statusOf(p)));
    log(`  venues: ${OPTS.venues} with posters; statuses warmed`);
  } finally {
    await app.close();
  }

  const profDir = OPTS.cpuProf ? join(BENCH, 'profiles', `venues-${scratch.tag}`) : undefined;
  const { bff, floors, base } = await startBffAndFloors(ROOT, ws, cleanups, ['bare'] as const, profDir);
  const bare = floors.bare;
  const pids = await findStorePids(appEnv.REDIS_URL);

  // Check-in lines: pair k = (person k mod P, venue ⌊k / P⌋): every line a new pair, each person at
  // most `venues` (≤ the daily cap of 50) check-ins. The first pair (person 0) is the probe's.
  let cursor = 1;
  const pairs = OPTS.persons * OPTS.venues;
  const checkinLines = () => {
    const lines: string[] = [];
    for (let i = 0; i < LINES_PER_SLICE && cursor < pairs; i++, cursor++) lines.push(`${world.tokens[cursor % OPTS.persons]} ${codes[Math.floor(cursor / OPTS.persons)]}`);
    if (lines.length === 0) throw new Error('out of check-in pairs: lower --rounds or raise --persons');
    return writeLines(lines);
  };
  const bareFile = writeLines([`x ${codes[0]}`], 'bare.txt');
  const script = join(BENCH, 'wrk-venues.lua');
  const wrkArgs = (file: string, path: string) => [file, path, String(OPTS.threads)];
  const targets: Record<PathName, SliceTarget<PathName>> = {
    bare: { name: 'bare', url: base(bare.value), pid: bare.child.pid, script, args: () => wrkArgs(bareFile, '/bench') },
    // The consumer writes the last check-ins of the slice a few ms after it: let it, inside the window.
    checkin: { name: 'checkin', url: base(bff.value), pid: bff.child.pid, script, args: () => wrkArgs(checkinLines(), '/api/v1/venues/checkins'), settleMs: 150 },
  };

  const probe = await fetch(`${base(bff.value)}/api/v1/venues/checkins`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens[0]}` }, body: JSON.stringify({ venueCode: codes[0] }) });
  const probeBody = (await probe.json()) as { items?: { colour: string; maskedName: string; duplicate: boolean }[] };
  if (probe.status !== 200 || !probeBody.items?.[0]) throw new Error(`probe check-in: ${probe.status} ${JSON.stringify(probeBody)}`);

  log('');
  log('govpass venue check-in benchmark');
  log('  A bare     bare Koa + @koa/bodyparser answering POST {venueCode} with JSON (own process): the HTTP floor');
  log('  B checkin  POST /api/v1/venues/checkins on the real BFF (Redis + MariaDB): session, cached poster code, checkin.lua');
  log('             (dedupe + daily cap + durable stream append), colour, masked name; the consumer writes MariaDB in batches');
  log(`  load: wrk -t${OPTS.threads} -c${OPTS.connections}; ${OPTS.warmupSec} s warm-up per path, then ${OPTS.rounds} rounds of A B slices of ${OPTS.sliceSec} s`);
  log('  node µs: CPU of that path\'s server per 200; redis/mysqld/wrk: theirs over the same window. Read the RATIOS.');
  log(`servers: BFF pid ${bff.child.pid}, bare pid ${bare.child.pid}; redis-server pid ${pids.redis || '?'}, mariadbd pid ${pids.mysqld || '?'}`);
  log(`probe: ${probeBody.items[0].maskedName} checked in, ${probeBody.items[0].colour}`);

  const slices = await runSlices({ paths: PATHS, targets, pids, opts: OPTS, deadline: DEADLINE, log, line: sliceLine });
  await stopChild(bare.child, 10_000);

  // Part 2: tracing at city scale, through the same BFF.
  const setup = await setupApp(ws);
  const now = Date.now();
  const caseStart = now - 5 * DAY;
  let seedMs: number;
  try {
    log('');
    log(`seeding ${OPTS.checkins.toLocaleString('en')} check-ins at ${TRACE_VENUES} venues over 14 days …`);
    seedMs = await seedCity(setup, world, now);
    const caseRows = Array.from({ length: 10 }, (_, i) => ({ id: `case-${i}`, venue_id: `cv-${(i * 197) % TRACE_VENUES}`, person_id: world.personIds[0], account_id: world.accountIds[0], checked_in_at: caseStart + i * 7 * 3_600_000 }));
    await setup.database.db.insertInto('venue_checkins').values(caseRows).execute();
    log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
  } finally {
    await setup.close();
  }
  const rows = OPTS.checkins;
  const body = JSON.stringify({ idNumber: caseId, from: new Date(caseStart - 3_600_000).toISOString(), until: new Date(caseStart + 3 * DAY).toISOString() });
  const traceOnce = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base(bff.value)}/api/v1/health/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${officialToken}` }, body });
    const ms = performance.now() - t0;
    const b = (await res.json()) as { trace?: { venues: unknown[]; exposedCount: number }; newlyExposed?: number; rerun?: boolean };
    if (res.status !== 201 || !b.trace) throw new Error(`trace: ${res.status} ${JSON.stringify(b).slice(0, 300)}`);
    return { ms, venues: b.trace.venues.length, exposed: b.trace.exposedCount, newly: b.newlyExposed ?? 0, rerun: b.rerun === true };
  };
  const first = await traceOnce();
  const again = await traceOnce();
  log(`trace: case with ${first.venues} check-ins in its window over ${rows.toLocaleString('en')} check-ins: ${first.exposed} exposed (${first.newly} newly) in ${first.ms.toFixed(0)} ms; re-run ${again.ms.toFixed(0)} ms (rerun ${again.rerun}, ${again.newly} newly)`);
  await stopChild(bff.child, 10_000);
  report(slices);
  if (profDir) logCpuProfile(profDir, ROOT, 'check-in slices and the traces', log);
  await cleanups.run();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify({ ...summary(slices), traceMs: r0(first.ms), traceRerunMs: r0(again.ms), traceExposed: first.exposed, traceCaseCheckins: first.venues, tracedCheckins: OPTS.checkins }));
}

function report(slices: Slice<PathName>[]): void {
  const { ratio, allUs, statusTotals, medianCells } = sliceStats(slices, OPTS.rounds);
  log('');
  log(`medians over ${OPTS.rounds} rounds  rate    p50 ms   p99 ms   node µs  redis µs  mysqld µs  all µs   status mix`);
  for (const p of PATHS) {
    log(`  ${LETTER[p]} ${p.padEnd(8)} ${medianCells(p)}   ${mix(statusTotals(p))}`);
  }
  log('');
  log(`  checkin / bare  ${pad(r2(ratio('checkin', 'bare')), 6)}`);
  log(`  check-in CPU over all processes ${r0(allUs('checkin'))} µs (target ≤ 250)  ${allUs('checkin') <= 250 ? 'met' : 'MISSED'}`);
}

function summary(slices: Slice<PathName>[]): Record<string, unknown> {
  const st = sliceStats(slices, OPTS.rounds);
  const { med, ratio, allUs } = st;
  return {
    ...summaryHead(OPTS, { persons: OPTS.persons }, st, PATHS),
    checkinVsBare: nullIfNaN(r2(ratio('checkin', 'bare'))),
    checkinCpuUsAllProcesses: nullIfNaN(r0(allUs('checkin'))),
    checkinNodeCpuUs: nullIfNaN(r0(med('checkin', (s) => s.nodeUs))),
  };
}

runBench(main, cleanups, DEADLINE);
