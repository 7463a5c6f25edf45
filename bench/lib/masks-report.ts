import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { summarizeCpuProfile } from './cpu-profile';
import { LETTER, OPTS, isBooking, type PathName } from './masks-options';
import { median, mix, nullIfNaN, pad, r0, r2 } from './stats';

const ROOT = resolve(__dirname, '..', '..');

/** One path's measurement in one round (warm-up slices are not kept). */
export interface Slice {
  path: PathName;
  round: number;
  requests: number;
  ok: number;
  seconds: number;
  rps: number;
  okRps: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerOk: number;
  /** Share of the Node CPU spent in the kernel (socket reads and writes). */
  sysShare: number;
  redisUsPerOk: number;
  mysqldUsPerOk: number;
  /** The load generator's CPU (it shares the machine's cores with everything else). */
  wrkUsPerOk: number;
  drainMs: number;
  wraps: number;
  statuses: Record<string, number>;
  errors: number;
}

export interface MasksRun {
  slices: Slice[];
  /** Whether an A/B twin (paths E and F) ran. */
  twin: boolean;
  /** mask_reservations rows in MySQL after the run, and the booking 201s wrk counted. */
  durableRows: number;
  bookings: number;
  profDir: string;
  log: (line: string) => void;
}

/**
 * The end of a run: the medians per path, where the time goes, what the machine allows, the ratios
 * against the issue's targets (and the A/B comparison), the CPU profile; returns the JSON summary.
 */
export function masksReport({ slices, twin, durableRows, bookings, profDir, log }: MasksRun): Record<string, unknown> {
  const row = { n: durableRows };
  const bookedTotal = bookings;
  const of = (p: PathName) => slices.filter((s) => s.path === p);
  const med = (p: PathName, f: (s: Slice) => number) => median(of(p).map(f));
  const perRound = (f: (r: number) => number) => median(Array.from({ length: OPTS.rounds }, (_, i) => f(i + 1)));
  const at = (p: PathName, r: number) => slices.find((s) => s.path === p && s.round === r);
  const ratio = (a: PathName, b: PathName) => perRound((r) => (at(a, r)?.okRps ?? NaN) / (at(b, r)?.okRps ?? NaN));
  const bookingVsBare = ratio('booking', 'bare');
  const bookingVsMysqlOnly = ratio('booking', 'mysql');
  const soldOutVsBare = ratio('soldout', 'bare');
  const nodeCpuUsPerBooking = med('booking', (s) => s.cpuUsPerOk);

  log('');
  log(`medians over ${OPTS.rounds} rounds                 rate      p50 ms   p99 ms   node µs  redis µs  mysqld µs   status mix (all rounds)`);
  for (const p of OPTS.paths) {
    const totals: Record<string, number> = {};
    for (const s of of(p)) for (const [k, v] of Object.entries(s.statuses)) totals[k] = (totals[k] ?? 0) + v;
    const unit = isBooking(p) || p === 'mysql' ? '201/s' : 'req/s';
    log(
      `  ${LETTER[p]} ${p.padEnd(8)} ${''.padEnd(20)} ${pad(r0(med(p, (s) => s.okRps)), 6)} ${unit} ${pad(med(p, (s) => s.p50Ms).toFixed(1), 7)} ${pad(med(p, (s) => s.p99Ms).toFixed(1), 8)} ${pad(r0(med(p, (s) => s.cpuUsPerOk)), 9)} ${pad(r0(med(p, (s) => s.redisUsPerOk)), 9)} ${pad(r0(med(p, (s) => s.mysqldUsPerOk)), 10)}   ${mix(totals)}`,
    );
  }
  const wraps = slices.filter((s) => (isBooking(s.path) || s.path === 'mysql') && s.wraps > 0).length;
  if (wraps > 0) log(`  !! ${wraps} booking slices ran out of fresh persons and reused some (their 409s are ALREADY_RESERVED): use --persons higher or --slice lower`);
  // wrk stops counting at the slice's end; requests then in flight still book (≤ connections per slice).
  log(`  durable: ${row.n} mask_reservations rows in MySQL for ${bookedTotal} booking 201s counted by wrk (warm-up and probe included; rows may exceed it by the requests in flight when a slice ends)${row.n >= bookedTotal ? '' : '  !! MISSING ROWS'}`);

  const cpu = (p: PathName) => med(p, (s) => s.cpuUsPerOk);
  const has = (p: PathName) => OPTS.paths.includes(p);
  log('');
  log('where the time goes (Node CPU per request, medians)');
  if (has('bare')) log(`  bare Koa                 ${pad(r0(cpu('bare')), 5)} µs  HTTP + Koa + body parser + JSON answer`);
  if (has('soldout')) log(`  sold-out                 ${pad(r0(cpu('soldout')), 5)} µs  + validation, in-process refusal, request id, security headers, metrics (fast lane)`);
  if (has('booking')) log(`  booking                  ${pad(r0(cpu('booking')), 5)} µs  + validation, one Lua call (session, 2 rate limits, booking), presenter + pickup code, outbox consumer batch inserts (fast lane)`);
  if (has('bare') && has('booking')) log(`    booking − bare         ${pad(r0(cpu('booking') - cpu('bare')), 5)} µs  what the BFF's booking work costs on top of a bare endpoint`);
  if (has('soldout') && has('booking')) log(`    booking − sold-out     ${pad(r0(cpu('booking') - cpu('soldout')), 5)} µs  the booking's own work (Lua call, presenter, code, consumer)`);
  if (has('mysql')) log(`  MySQL-only               ${pad(r0(cpu('mysql')), 5)} µs  (+ mysqld ${r0(med('mysql', (s) => s.mysqldUsPerOk))} µs per booking)`);
  if (has('booking')) log(`  booking outside Node: redis-server ${r0(med('booking', (s) => s.redisUsPerOk))} µs + mariadbd ${r0(med('booking', (s) => s.mysqldUsPerOk))} µs + wrk ${r0(med('booking', (s) => s.wrkUsPerOk))} µs per booking`);
  const bound = has('bare') && has('booking') ? machineBound() : null;
  if (bound) {
    log('');
    log(`what this machine allows (${bound.cores} cores for everything: the BFF, redis-server, mariadbd and wrk)`);
    const { node: n, redis: rd, mysqld: my, wrk: wk } = bound.parts;
    log(`  a booking costs ${r0(bound.allUs)} µs of CPU over all processes (node ${r0(n)} + redis ${r0(rd)} + mysqld ${r0(my)} + wrk ${r0(wk)}),`);
    log(`  so at most ${r0(bound.ceilingRps)} bookings/s here (the lower of one core ÷ node µs and ${bound.cores} cores ÷ all µs), against bare Koa's ${r0(bound.bareRps)} req/s:`);
    log(`  booking / bare cannot exceed ${r2(bound.ratioCeiling)} on this machine; 0.5 would need all processes together under ${r0(bound.allUsFor05)} µs per booking`);
  }

  function machineBound() {
    const cores = availableParallelism();
    const parts = { node: cpu('booking'), redis: med('booking', (s) => s.redisUsPerOk), mysqld: med('booking', (s) => s.mysqldUsPerOk), wrk: med('booking', (s) => s.wrkUsPerOk) };
    const allUs = parts.node + parts.redis + parts.mysqld + parts.wrk;
    const ceilingRps = Math.min(1e6 / parts.node, (cores * 1e6) / allUs);
    const bareRps = med('bare', (s) => s.okRps);
    return { cores, parts, allUs, ceilingRps, bareRps, ratioCeiling: ceilingRps / bareRps, allUsFor05: (cores * 1e6) / (0.5 * bareRps) };
  }

  const targetLine = (name: string, value: number, want: string, ok: boolean) => `  ${name.padEnd(22)} ${pad(Number.isFinite(value) ? r2(value) : 'n/a', 7)}  target ${want.padEnd(8)} ${Number.isFinite(value) ? (ok ? 'met' : 'MISSED') : ''}`;
  log('');
  log('ratios (median over rounds of the per-round ratio) against the issue\'s targets');
  if (twin) {
    log(`A/B: E, F = B, C with ${Object.entries(OPTS.abEnv).map(([k, v]) => `${k}=${v}`).join(' ')}, alternating slices of one run`);
    if (has('bare') && has('bookingB')) log(`  booking / bare         B ${r2(bookingVsBare)}  E ${r2(ratio('bookingB', 'bare'))}`);
    for (const [a, b] of [['booking', 'bookingB'], ['soldout', 'soldoutB']] as const) {
      if (!has(b)) continue;
      const cpuRatio = perRound((r) => (at(b, r)?.cpuUsPerOk ?? NaN) / (at(a, r)?.cpuUsPerOk ?? NaN));
      log(`  Node µs per ${a.padEnd(8)} ${LETTER[a]} ${r0(cpu(a))}  ${LETTER[b]} ${r0(cpu(b))}   ${LETTER[b]}/${LETTER[a]} median of per-round ratios ${r2(cpuRatio)}   rate ${LETTER[b]}/${LETTER[a]} ${r2(ratio(b, a))}`);
    }
    log('');
  }
  log(targetLine('booking / bare', bookingVsBare, '≥ 0.5', bookingVsBare >= 0.5));
  if (has('bare') && has('booking')) {
    // Each path is one Node process that saturates one core, so this ratio is about bare CPU ÷ booking CPU.
    log(`    one Node process each: ≈ bare ${r0(cpu('bare'))} µs ÷ booking ${r0(cpu('booking'))} µs = ${r2(cpu('bare') / cpu('booking'))}; 0.5 needs a booking in ≤ ${r0(2 * cpu('bare'))} µs of Node CPU`);
  }
  log(targetLine('booking / MySQL-only', bookingVsMysqlOnly, '≥ 2', bookingVsMysqlOnly >= 2));
  log(targetLine('sold-out / bare', soldOutVsBare, '≥ 0.8', soldOutVsBare >= 0.8));
  log(targetLine('Node µs per booking', nodeCpuUsPerBooking, '≤ 300', nodeCpuUsPerBooking <= 300));

  if (OPTS.cpuProf) {
    // The main thread's profile is the big one.
    const files = readdirSync(profDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(profDir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    const file = files[0];
    log('');
    if (file) {
      log(`CPU profile of the BFF (all its slices, seeding excluded: the server started after it): ${file}`);
      for (const l of summarizeCpuProfile(file, ROOT)) log(`  ${l}`);
    } else {
      log(`no CPU profile was written to ${profDir}`);
    }
  }

  const out = {
    rounds: OPTS.rounds,
    sliceSeconds: OPTS.sliceSec,
    connections: OPTS.connections,
    persons: OPTS.persons,
    rps: Object.fromEntries(OPTS.paths.map((p) => [p, r0(med(p, (s) => s.okRps))])),
    p50Ms: Object.fromEntries(OPTS.paths.map((p) => [p, r2(med(p, (s) => s.p50Ms))])),
    p99Ms: Object.fromEntries(OPTS.paths.map((p) => [p, r2(med(p, (s) => s.p99Ms))])),
    nodeCpuUs: Object.fromEntries(OPTS.paths.map((p) => [p, r0(cpu(p))])),
    redisCpuUsPerBooking: has('booking') ? r0(med('booking', (s) => s.redisUsPerOk)) : null,
    mysqldCpuUsPerBooking: has('booking') ? r0(med('booking', (s) => s.mysqldUsPerOk)) : null,
    mysqldCpuUsPerMysqlOnlyBooking: has('mysql') ? r0(med('mysql', (s) => s.mysqldUsPerOk)) : null,
    wrkCpuUsPerBooking: has('booking') ? r0(med('booking', (s) => s.wrkUsPerOk)) : null,
    machine: bound ? { cores: bound.cores, cpuUsPerBookingAllProcesses: r0(bound.allUs), bookingVsBareCeiling: r2(bound.ratioCeiling) } : null,
    durableRows: row.n,
    bookings: bookedTotal,
    bookingVsBare: nullIfNaN(r2(bookingVsBare)),
    bookingVsMysqlOnly: nullIfNaN(r2(bookingVsMysqlOnly)),
    soldOutVsBare: nullIfNaN(r2(soldOutVsBare)),
    nodeCpuUsPerBooking: nullIfNaN(r0(nodeCpuUsPerBooking)),
  };
  return out;
}
