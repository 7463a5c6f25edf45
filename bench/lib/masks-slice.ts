/**
 * One slice of the mask-booking benchmark (masks-bench.ts): wrk against one path, the CPU of its
 * server, redis-server and mysqld around it, per ok answer; and its printed line.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { allShardKeys } from '../../bff/src/domains/masks/hot-path/mask-keys';
import type { RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { LETTER, OPTS, isBooking, type PathName } from './masks-options';
import type { Slice } from './masks-report';
import { cpuMicros, cpuSplit } from './processes';
import { mix, pad, r0 } from './stats';
import { runWrk, type WrkResult } from './wrk';

const BENCH = join(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runSliceWrk(url: string, path: string, linesFile: string, seconds: number, keyPrefix: string): Promise<WrkResult> {
  return runWrk({ url, threads: OPTS.threads, connections: OPTS.connections, seconds, script: join(BENCH, 'wrk-post.lua'), scriptArgs: [linesFile, keyPrefix, path, String(OPTS.threads)] });
}

export interface Target {
  name: PathName;
  url: string;
  path: string;
  server: () => number;
  /** Status that counts as the path's work done (201 booked, 409 sold out, 200 bare). */
  okStatus: string;
}

async function outboxBacklog(redis: RedisClient): Promise<number> {
  const pipe = (redis as Redis).pipeline();
  for (const s of allShardKeys()) pipe.xlen(s.outbox);
  const replies = (await pipe.exec()) ?? [];
  return replies.reduce((sum, [err, n]) => sum + (err ? 0 : Number(n)), 0);
}

/** The processes whose CPU every slice also counts (0: not measurable here). */
export interface MeasuredPids {
  redis: number;
  mysqld: number;
}

/** One wrk slice of one path; a booking slice lasts until the outbox is drained (or `deadline`). */
export async function runSlice(t: Target, round: number, linesFile: string, seconds: number, redis: RedisClient, pids: MeasuredPids, deadline: number): Promise<Slice> {
  const pid = t.server();
  const before = { node: cpuMicros(pid), nodeSys: cpuSplit(pid)?.sys ?? 0, redis: cpuMicros(pids.redis) ?? 0, mysqld: cpuMicros(pids.mysqld) ?? 0 };
  if (before.node === null) throw new Error(`the ${t.name} server (pid ${pid}) is gone`);
  const keyPrefix = `bench${round}${t.name}${randomBytes(3).toString('hex')}`;
  const w = await runSliceWrk(t.url, t.path, linesFile, seconds, keyPrefix);
  // Booking is only done once the outbox consumer has written it to MySQL: count its CPU too.
  const d0 = Date.now();
  if (isBooking(t.name)) {
    while ((await outboxBacklog(redis)) > 0 && Date.now() - d0 < 15_000 && Date.now() < deadline) await sleep(20);
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

export function sliceLine(s: Slice): string {
  const unit = isBooking(s.path) || s.path === 'mysql' ? '201/s' : 'req/s';
  const extra = isBooking(s.path) ? `  outbox drained +${s.drainMs} ms` : '';
  const flags = (s.wraps > 0 && (isBooking(s.path) || s.path === 'mysql') ? `  !! ${s.wraps} requests reused a person (token file too short)` : '') + (s.errors ? `  !! ${s.errors} socket errors/timeouts` : '');
  return `  ${LETTER[s.path]} ${s.path.padEnd(8)} ${pad(r0(s.okRps), 6)} ${unit}  p50 ${pad(s.p50Ms.toFixed(1), 5)} ms  p99 ${pad(s.p99Ms.toFixed(1), 6)} ms  node ${pad(r0(s.cpuUsPerOk), 4)} µs (${pad(r0(100 * s.sysShare), 2)}% sys)  redis ${pad(r0(s.redisUsPerOk), 3)} µs  mysqld ${pad(r0(s.mysqldUsPerOk), 4)} µs  wrk ${pad(r0(s.wrkUsPerOk), 3)} µs  [${mix(s.statuses)}]${extra}${flags}`;
}

