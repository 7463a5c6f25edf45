/**
 * What the slice benchmarks do before and after their slices: wrk present, scratch stores, a folder
 * of line files, the BFF's environment, the BFF and its floor servers started from bundles, the CPU
 * profile summary, and the main() wrapper with its hard stop.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@govpass/config';
import { buildApp } from '../../bff/src/app';
import { serverBundler } from './bundles';
import type { Cleanups } from './cleanups';
import { summarizeCpuProfile } from './cpu-profile';
import { startServer, type Child } from './processes';
import { createScratchStores, type ScratchStores } from './scratch';
import { ensureWrk } from './wrk';

export const MYSQL_ADMIN_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchWorkspace {
  scratch: ScratchStores;
  /** The BFF's environment on the scratch stores. */
  appEnv: Record<string, string>;
  /** Writes one line file (a numbered name unless given) and returns its path. */
  writeLines: (lines: string[], name?: string) => string;
}

export async function prepareBench(name: string, cleanups: Cleanups, log: (msg: string) => void): Promise<BenchWorkspace> {
  await ensureWrk(log);
  const scratch = await createScratchStores(MYSQL_ADMIN_URL, REDIS_URL, cleanups, log);
  const work = mkdtempSync(join(tmpdir(), `gp-bench-${name}-`));
  cleanups.add('line files', async () => rmSync(work, { recursive: true, force: true }));
  const appEnv = { NODE_ENV: 'test', MYSQL_URL: scratch.mysqlUrl, REDIS_URL, REDIS_KEY_PREFIX: scratch.prefix, PORT: '0', HOST: '127.0.0.1', INSTANCE_NAME: `bench-${scratch.tag}` };
  let fileNo = 0;
  const writeLines = (lines: string[], fileName?: string) => {
    const file = join(work, fileName ?? `lines-${fileNo++}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  return { scratch, appEnv, writeLines };
}

/** An in-process app on the scratch stores for seeding (mask workers off); close it when done. */
export function setupApp(ws: BenchWorkspace): ReturnType<typeof buildApp> {
  return buildApp(loadConfig({ env: { ...ws.appEnv, MASK_WORKERS: 'false' } }));
}

export interface Server {
  child: Child;
  /** The port it listens on. */
  value: string;
}

export interface BenchServers<F extends string> {
  bff: Server;
  floors: Record<F, Server>;
  /** http://127.0.0.1:<port> */
  base: (port: string) => string;
}

/**
 * The BFF (bundled as in production, optionally under --cpu-prof into `profDir`) and one
 * bench/crypto-floor-server.ts process per floor mode, started together.
 */
export async function startBffAndFloors<F extends string>(root: string, ws: BenchWorkspace, cleanups: Cleanups, floorModes: readonly F[], profDir?: string): Promise<BenchServers<F>> {
  const bundle = serverBundler(root, ws.scratch.tag, cleanups);
  const [bffJs, floorJs] = await Promise.all([bundle('bff/src/server.ts'), bundle('bench/crypto-floor-server.ts')]);
  const env = { ...process.env, ...ws.appEnv };
  const node = process.execPath;
  const profArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  if (profDir) mkdirSync(profDir, { recursive: true });
  const listening = (line: string) => /^LISTENING (\d+)/.exec(line)?.[1] ?? null;
  const bffReady = (line: string) => /running at http:\/\/localhost:(\d+)/.exec(line)?.[1] ?? null;
  const [bff, ...floors] = await Promise.all([
    startServer('BFF', node, [...profArgs, bffJs], { cwd: root, env, readyTimeoutMs: 60_000, ready: bffReady }),
    ...floorModes.map((mode) => startServer(`floor ${mode}`, node, [floorJs, mode], { cwd: root, env, readyTimeoutMs: 60_000, ready: listening })),
  ]);
  const byMode = Object.fromEntries(floorModes.map((mode, i) => [mode, floors[i]])) as Record<F, Server>;
  return { bff, floors: byMode, base: (port) => `http://127.0.0.1:${port}` };
}

/** Prints the summary of the first .cpuprofile in `profDir`. */
export function logCpuProfile(profDir: string, root: string, what: string, log: (msg: string) => void): void {
  const file = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profDir, f))[0];
  log('');
  log(file ? `CPU profile of the BFF (${what}): ${file}` : `no CPU profile in ${profDir}`);
  if (file) for (const l of summarizeCpuProfile(file, root)) log(`  ${l}`);
}

/** Runs main() with a hard stop 30 s past the deadline; cleans up and exits 1 on failure. */
export function runBench(main: () => Promise<void>, cleanups: Cleanups, deadline: number): void {
  const hardStop = setTimeout(() => {
    process.stderr.write('bench: time limit reached, stopping\n');
    void cleanups.run().finally(() => process.exit(1));
  }, deadline - Date.now() + 30_000);
  hardStop.unref();
  main()
    .then(() => process.exit(0))
    .catch(async (err: unknown) => {
      if (cleanups.interrupted) return;
      process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
      await cleanups.run();
      process.exit(1);
    });
}
