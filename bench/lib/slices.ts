/**
 * The alternating-slices runner the benchmarks share: a warm-up round, then rounds of one short wrk
 * slice per path, so the machine's noise hits every path alike. Each slice samples the CPU of the
 * path's server process, redis-server and mysqld around wrk, per ok answer.
 */
import { Redis } from 'ioredis';
import { cpuMicros, findPidByComm } from './processes';
import type { SliceOptions } from './options';
import { median, mix, pad, r0, r2 } from './stats';
import { runWrk } from './wrk';

export interface SliceTarget<P extends string> {
  name: P;
  url: string;
  pid: number;
  /** The wrk Lua script and its arguments for one slice (called just before the slice). */
  script: string;
  args: () => string[] | Promise<string[]>;
  /** The status that counts as done (default 200). */
  okStatus?: string;
  /** Wait this long after wrk, inside the CPU window (e.g. for a consumer to finish the slice's work). */
  settleMs?: number;
}

export interface Slice<P extends string> {
  path: P;
  round: number;
  ok: number;
  okRps: number;
  p50Ms: number;
  p99Ms: number;
  nodeUs: number;
  redisUs: number;
  mysqldUs: number;
  wrkUs: number;
  wraps: number;
  statuses: Record<string, number>;
  errors: number;
}

export interface StorePids {
  redis: number;
  mysqld: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pids of mysqld and redis-server (0 when not found or not readable). */
export async function findStorePids(redisUrl: string): Promise<StorePids> {
  const mysqld = findPidByComm(['mariadbd', 'mysqld']) ?? 0;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);
  redis.disconnect();
  if (redisPid && cpuMicros(redisPid) === null) redisPid = 0;
  return { redis: redisPid, mysqld };
}

export async function runSlice<P extends string>(t: SliceTarget<P>, pids: StorePids, opts: SliceOptions, round: number, seconds: number): Promise<Slice<P>> {
  const scriptArgs = await t.args();
  const sample = () => ({ node: cpuMicros(t.pid), redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 });
  const before = sample();
  if (before.node === null) throw new Error(`the ${t.name} server (pid ${t.pid}) is gone`);
  const w = await runWrk({ url: t.url, threads: opts.threads, connections: opts.connections, seconds, script: t.script, scriptArgs });
  if (t.settleMs) await sleep(t.settleMs);
  const after = sample();
  if (after.node === null) throw new Error(`the ${t.name} server (pid ${t.pid}) died during the slice`);
  const ok = w.statuses[t.okStatus ?? '200'] ?? 0;
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
    wraps: w.wraps,
    statuses: w.statuses,
    errors: w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout,
  };
}

export interface SliceRun<P extends string> {
  paths: readonly P[];
  targets: Record<P, SliceTarget<P>>;
  pids: StorePids;
  opts: SliceOptions;
  deadline: number;
  log: (msg: string) => void;
  /** One printed line per slice. */
  line: (s: Slice<P>) => string;
}

/** Warm-up (not counted), then `opts.rounds` rounds of one slice per path, in order. */
export async function runSlices<P extends string>(run: SliceRun<P>): Promise<Slice<P>[]> {
  const { opts, log } = run;
  const slices: Slice<P>[] = [];
  const runRound = async (round: number, seconds: number) => {
    for (const p of run.paths) {
      if (Date.now() + seconds * 1000 + 20_000 > run.deadline) throw new Error('time limit reached');
      const s = await runSlice(run.targets[p], run.pids, opts, round, seconds);
      log(run.line(s));
      if (round > 0) slices.push(s);
      await sleep(250);
    }
  };
  if (opts.warmupSec > 0) {
    log(`warm-up (${opts.warmupSec} s per path, not counted)`);
    await runRound(0, opts.warmupSec);
  }
  for (let r = 1; r <= opts.rounds; r++) {
    log(`round ${r}/${opts.rounds}`);
    await runRound(r, opts.sliceSec);
  }
  return slices;
}

/** The columns of a slice line after its rate: latencies, CPU per ok answer, status mix. */
export function sliceCells(s: Slice<string>): string {
  return `p50 ${pad(s.p50Ms.toFixed(1), 5)} ms  p99 ${pad(s.p99Ms.toFixed(1), 6)} ms  node ${pad(r0(s.nodeUs), 4)} µs  redis ${pad(r0(s.redisUs), 3)} µs  mysqld ${pad(r0(s.mysqldUs), 3)} µs  wrk ${pad(r0(s.wrkUs), 3)} µs  [${mix(s.statuses)}]`;
}

export const errorFlag = (s: Slice<string>) => (s.errors ? `  !! ${s.errors} socket errors/timeouts` : '');

/** Medians over rounds, per path; `ratio` is the median of the per-round ratios of ok/s. */
export function sliceStats<P extends string>(slices: Slice<P>[], rounds: number) {
  const of = (p: P) => slices.filter((s) => s.path === p);
  const med = (p: P, f: (s: Slice<P>) => number) => median(of(p).map(f));
  const at = (p: P, r: number) => slices.find((s) => s.path === p && s.round === r);
  const ratio = (a: P, b: P) => median(Array.from({ length: rounds }, (_, i) => (at(a, i + 1)?.okRps ?? NaN) / (at(b, i + 1)?.okRps ?? NaN)));
  const allUs = (p: P) => med(p, (s) => s.nodeUs + s.redisUs + s.mysqldUs + s.wrkUs);
  const serverUs = (p: P) => med(p, (s) => s.nodeUs + s.redisUs + s.mysqldUs);
  const statusTotals = (p: P) => {
    const totals: Record<string, number> = {};
    for (const s of of(p)) for (const [k, v] of Object.entries(s.statuses)) totals[k] = (totals[k] ?? 0) + v;
    return totals;
  };
  /** The median row's columns: rate, p50, p99, node, redis, mysqld, all µs. */
  const medianCells = (p: P) =>
    `${pad(r0(med(p, (s) => s.okRps)), 6)}/s ${pad(med(p, (s) => s.p50Ms).toFixed(1), 7)} ${pad(med(p, (s) => s.p99Ms).toFixed(1), 8)} ${pad(r0(med(p, (s) => s.nodeUs)), 9)} ${pad(r0(med(p, (s) => s.redisUs)), 9)} ${pad(r0(med(p, (s) => s.mysqldUs)), 10)} ${pad(r0(allUs(p)), 7)}`;
  return { of, med, ratio, allUs, serverUs, statusTotals, medianCells };
}

/**
 * The head of every summary line: the run's options, its scale (persons, halls…), and the per-path
 * medians rps, p50Ms, p99Ms, nodeCpuUs, allProcessesCpuUs.
 */
export function summaryHead<P extends string>(opts: SliceOptions, scale: Record<string, number>, st: ReturnType<typeof sliceStats<P>>, paths: readonly P[]) {
  const perPath = (f: (p: P) => number) => Object.fromEntries(paths.map((p) => [p, f(p)]));
  return {
    rounds: opts.rounds,
    sliceSeconds: opts.sliceSec,
    connections: opts.connections,
    ...scale,
    rps: perPath((p) => r0(st.med(p, (s) => s.okRps))),
    p50Ms: perPath((p) => r2(st.med(p, (s) => s.p50Ms))),
    p99Ms: perPath((p) => r2(st.med(p, (s) => s.p99Ms))),
    nodeCpuUs: perPath((p) => r0(st.med(p, (s) => s.nodeUs))),
    allProcessesCpuUs: perPath((p) => r0(st.allUs(p))),
  };
}
