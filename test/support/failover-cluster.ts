import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

/**
 * The failover tests' own Redis Cluster: 3 masters + 3 replicas on 127.0.0.1:7100-7105 (AOF
 * everysec, cluster-node-timeout 2000), started by `.ci/redis-cluster-replicas.sh start` (and by
 * .ci/run). Only this cluster's servers are ever killed or restarted, through that script, which
 * signals PIDs from its own pid files.
 */
export const FAILOVER_PORTS = [7100, 7101, 7102, 7103, 7104, 7105];
export const FAILOVER_NODES = FAILOVER_PORTS.map((p) => `127.0.0.1:${p}`);
const SCRIPT = resolve(__dirname, '../../.ci/redis-cluster-replicas.sh');
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function clusterScript(command: 'kill' | 'revive' | 'status', port?: number): Promise<string> {
  const { stdout, stderr } = await run('bash', [SCRIPT, command, ...(port === undefined ? [] : [String(port)])], { timeout: 60_000 });
  return stdout + stderr;
}

/** A short-lived plain connection to one node (no cluster logic), or null when it does not answer. */
async function onNode<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T | null> {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return await fn(r);
  } catch {
    return null;
  } finally {
    r.disconnect();
  }
}

export async function clusterState(port: number): Promise<string | null> {
  const info = await onNode(port, (r) => r.cluster('INFO'));
  return info === null ? null : (/cluster_state:(\w+)/.exec(info)?.[1] ?? null);
}

export async function roleOf(port: number): Promise<'master' | 'slave' | null> {
  const role = await onNode(port, (r) => r.role());
  return role === null ? null : (role[0] as 'master' | 'slave');
}

/** Ports of the masters that serve slots now, as one node sees it. */
export async function mastersWithSlots(port: number): Promise<number[]> {
  const slots = await onNode(port, (r) => r.cluster('SLOTS') as unknown as Promise<[number, number, [string, number]][]>);
  return [...new Set((slots ?? []).map((s) => s[2][1]))].sort();
}

/**
 * Back to 3 masters + 3 replicas, all answering cluster_state:ok: revives any of its servers a
 * test left dead (it rejoins as a replica), then waits. Fails with what to run when the cluster
 * was never started.
 */
export async function healthyFailoverCluster(timeoutMs = 30_000): Promise<void> {
  const states = await Promise.all(FAILOVER_PORTS.map(clusterState));
  if (states.every((s) => s === null)) {
    throw new Error('the failover Redis Cluster (127.0.0.1:7100-7105) is REQUIRED for this suite: start it with `bash .ci/redis-cluster-replicas.sh start`');
  }
  for (const [i, port] of FAILOVER_PORTS.entries()) if (states[i] === null) await clusterScript('revive', port);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await Promise.all(FAILOVER_PORTS.map(clusterState));
    const roles = await Promise.all(FAILOVER_PORTS.map(roleOf));
    const masters = roles.filter((r) => r === 'master').length;
    if (now.every((s) => s === 'ok') && masters === 3 && (await mastersWithSlots(FAILOVER_PORTS[0])).length === 3) return;
    if (Date.now() > deadline) throw new Error(`failover cluster not healthy after ${timeoutMs} ms: states ${JSON.stringify(now)}, roles ${JSON.stringify(roles)}`);
    await sleep(200);
  }
}

/** Waits until `port` is back as a replica (after `revive`) and every node says cluster_state:ok. */
export async function rejoinedAsReplica(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await roleOf(port)) !== 'slave' || (await Promise.all(FAILOVER_PORTS.map(clusterState))).some((s) => s !== 'ok')) {
    if (Date.now() > deadline) throw new Error(`${port} did not rejoin as a replica within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Storage overrides that point the app at this cluster. */
export function failoverStorage(prefix: string): Record<string, unknown> {
  return { storage: { redisUrl: null, redisClusterNodes: FAILOVER_NODES, redisKeyPrefix: prefix } };
}
