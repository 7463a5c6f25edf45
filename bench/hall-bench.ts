/**
 * `npm run bench:hall` — the service hall's queue (see bench/README.md and docs/hall.md).
 *
 * Four paths measured in the same run, in alternating short slices so that the machine's noise hits
 * all of them alike:
 *   A bare      bare Koa + @koa/bodyparser answering GET with JSON (bench/crypto-floor-server.ts bare)
 *   B take      POST /api/v1/halls/{hallId}/tickets on the real BFF (Redis + MariaDB): session, hall
 *               hours and distance, family check, elderly flag, the Lua take, the live view with its
 *               ETA, the Lua take that appends to the durable stream (201); the in-process consumer's
 *               INSERTs into hall_tickets count in the same CPU figures
 *   C callNext  POST /api/v1/windows/{windowId}/call-next as hall staff: role, scope, heads, the one
 *               ordering function, the Lua claim + stream entry; the consumer's upsert, audit row and
 *               notification rows count in the same CPU figures
 *   D position  GET /api/v1/tickets/{id}, the citizen's live view: position, ahead, now serving, ETA
 * 60 halls × 2 services × 3 windows, so that queues stay hall-sized. The last line printed is one JSON
 * object with positionVsBare, takeTicketCpuUsAllProcesses, callNextCpuUsAllProcesses and
 * etaP90ErrorMin (from the simulated day, docs/hall.md).
 *
 * Options: --persons=3000 --halls=60 --rounds=5 --slice=4 --warmup=2 --connections=32 --threads=1
 *          --paths=bare,take,callNext,position (a subset, e.g. to profile one path) --cpu-prof (profile the
 *          BFF; written to bench/profiles)
 */
import { join, resolve } from 'node:path';
import { simulateDay, TYPICAL_DAY } from '../bff/src/domains/hall/queue/eta-simulation';
import { logCpuProfile, prepareBench, runBench, setupApp, startBffAndFloors } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { intOption, pathsOption, sliceOptions } from './lib/options';
import { stopChild } from './lib/processes';
import { seedWorld } from './lib/seed';
import { errorFlag, findStorePids, summaryHead, runSlices, sliceCells, sliceStats, type Slice, type SliceTarget } from './lib/slices';
import { mix, nullIfNaN, pad, r0, r2 } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const STARTED = Date.now();

const OPTS = {
  persons: intOption('persons', 3000, 500, 100_000),
  halls: intOption('halls', 60, 1, 500),
  ...sliceOptions(),
  cpuProf: process.argv.includes('--cpu-prof'),
};
const DEADLINE = STARTED + intOption('time-limit', 600, 60, 3600) * 1000;
const LOCATION = { lat: 31.8206, lng: 117.2272 };

type PathName = 'bare' | 'take' | 'callNext' | 'position';
const ALL_PATHS: PathName[] = ['bare', 'take', 'callNext', 'position'];
/** `--paths=take,callNext`: only those slices (bare is always kept, the ratios need it). */
const PATHS: PathName[] = pathsOption(ALL_PATHS, { always: ['bare'] });
const LETTER: Record<PathName, string> = { bare: 'A', take: 'B', callNext: 'C', position: 'D' };
/** The status that counts as done: a ticket taken is 201; every other path 200. */
const OK: Record<PathName, string> = { bare: '200', take: '201', callNext: '200', position: '200' };

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const cleanups = new Cleanups();
cleanups.onSignals();
let nonce = 0;

function sliceLine(s: Slice<PathName>): string {
  return `  ${LETTER[s.path]} ${s.path.padEnd(9)} ${pad(r0(s.okRps), 6)} ok/s  ${sliceCells(s)}${errorFlag(s)}`;
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
  const ws = await prepareBench('hall', cleanups, log);
  const { scratch, appEnv, writeLines } = ws;

  log(`seeding ${scratch.dbName} + Redis prefix ${scratch.prefix} …`);
  const app = await setupApp(ws);
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

  const profDir = OPTS.cpuProf ? join(__dirname, 'profiles', `hall-${scratch.tag}`) : undefined;
  const { bff, floors, base } = await startBffAndFloors(ROOT, ws, cleanups, ['bare'] as const, profDir);
  const bare = floors.bare;
  const pids = await findStorePids(appEnv.REDIS_URL);

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
  const script = join(__dirname, 'wrk-hall.lua');
  const target = (name: PathName, url: string, pid: number, lines: () => string): SliceTarget<PathName> => ({
    name,
    url,
    pid,
    script,
    args: () => [lines(), String(OPTS.threads), `${STARTED}n${nonce++}`],
    okStatus: OK[name],
  });
  const targets: Record<PathName, SliceTarget<PathName>> = {
    bare: target('bare', base(bare.value), bare.child.pid, () => bareLines),
    take: target('take', bffUrl, bff.child.pid, takeLines),
    callNext: target('callNext', bffUrl, bff.child.pid, () => callLines),
    position: target('position', bffUrl, bff.child.pid, () => positionLines),
  };

  log('');
  log('govpass service-hall queue benchmark');
  log('  A bare      bare Koa answering GET with JSON (own process): the HTTP floor');
  log('  B take      POST /api/v1/halls/{id}/tickets (remote, in range): Lua take + stream append + live view → 201 (consumer writes MySQL)');
  log('  C callNext  POST /api/v1/windows/{id}/call-next as staff: heads, ordering rule, Lua claim + stream entry; consumer: upsert, audit, outbox (204 = nobody waiting)');
  log('  D position  GET /api/v1/tickets/{id}: the citizen\'s live view (position, ahead, now serving, ETA range)');
  log(`  ${OPTS.halls} halls × 2 services × 3 windows; wrk -t${OPTS.threads} -c${OPTS.connections}; ${OPTS.rounds} rounds of ${OPTS.sliceSec} s slices`);
  log('  node µs: the path\'s server process CPU per ok answer; all µs = node + redis + mysqld + wrk over the same window');
  log('');

  const slices = await runSlices({ paths: PATHS, targets, pids, opts: OPTS, deadline: DEADLINE, log, line: sliceLine });
  await Promise.all([bff, bare].map((s) => stopChild(s.child, 10_000)));
  if (profDir) logCpuProfile(profDir, ROOT, `${PATHS.join(', ')} slices`, log);
  const eta = simulateDay(TYPICAL_DAY);
  report(slices, eta);
  await cleanups.run();
  log(`total ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  log(JSON.stringify(summary(slices, eta)));
}

function report(slices: Slice<PathName>[], eta: ReturnType<typeof simulateDay>): void {
  const { ratio, allUs, serverUs, statusTotals, medianCells } = sliceStats(slices, OPTS.rounds);
  log('');
  log(`medians over ${OPTS.rounds} rounds    ok/s    p50 ms   p99 ms   node µs  redis µs  mysqld µs  all µs  (no wrk)   status mix`);
  for (const p of PATHS) {
    log(`  ${LETTER[p]} ${p.padEnd(9)} ${medianCells(p)} ${pad(r0(serverUs(p)), 9)}   ${mix(statusTotals(p))}`);
  }
  const line = (name: string, v: number, want: string, met: boolean) => `  ${name.padEnd(30)} ${pad(Number.isFinite(v) ? r2(v) : 'n/a', 7)}  target ${want}  ${Number.isFinite(v) ? (met ? 'met' : 'MISSED') : ''}`;
  log('');
  log(line('position / bare (req/s)', ratio('position', 'bare'), '≥ 0.8', ratio('position', 'bare') >= 0.8));
  log(line('take: all-process CPU µs', allUs('take'), '≤ 250', allUs('take') <= 250));
  log(line('callNext: all-process CPU µs', allUs('callNext'), '≤ 250', allUs('callNext') <= 250));
  log(`  ETA on the simulated day: P50 off by ${eta.meanAbsErrorMin} min on average, ${eta.p90AbsErrorMin} min at the 90th percentile; called within the P90 given: ${eta.withinP90Share}`);
}

function summary(slices: Slice<PathName>[], eta: ReturnType<typeof simulateDay>): Record<string, unknown> {
  const st = sliceStats(slices, OPTS.rounds);
  const { ratio, allUs, serverUs } = st;
  return {
    ...summaryHead(OPTS, { halls: OPTS.halls }, st, PATHS),
    serverProcessesCpuUs: Object.fromEntries(PATHS.map((p) => [p, r0(serverUs(p))])),
    positionVsBare: nullIfNaN(r2(ratio('position', 'bare'))),
    takeTicketCpuUsAllProcesses: nullIfNaN(r0(allUs('take'))),
    callNextCpuUsAllProcesses: nullIfNaN(r0(allUs('callNext'))),
    etaP90ErrorMin: eta.p90AbsErrorMin,
    etaMeanErrorMin: eta.meanAbsErrorMin,
    etaWithinP90Share: eta.withinP90Share,
  };
}

runBench(main, cleanups, DEADLINE);
