import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildElsewhere, serverBundler } from './bundles';
import type { Cleanups } from './cleanups';
import { OPTS, type PathName } from './masks-options';
import type { Target } from './masks-slice';
import { startServer, type Child } from './processes';
import type { SeededWorld } from './seed';

export interface MasksServers {
  /** Every process the run stops at its end (the twin is null without --ab-env/--ab-root). */
  children: { bff: Child; bare: Child; mysqlOnly: Child; bffB: Child | null };
  targets: Record<PathName, Target>;
  /** Where --cpu-prof writes the BFF's profile. */
  profDir: string;
  describe: string;
}

/**
 * Each path its own process, so each path's CPU is its own. By default each is compiled into one
 * file as production runs the BFF (bff/scripts/build.mjs) and started with plain node;
 * --runner=tsx starts the sources with `node --import tsx` (the tsx CLI minus its wrapper process,
 * whose pid would not be the server's).
 */
export async function startMasksServers(root: string, tag: string, env: NodeJS.ProcessEnv, world: SeededWorld, twin: boolean, cleanups: Cleanups): Promise<MasksServers> {
  const node = process.execPath;
  const bundle = serverBundler(root, tag, cleanups);
  const entryArgs = async (runner: 'bundle' | 'tsx', entry: string): Promise<string[]> => (runner === 'tsx' ? ['--import', 'tsx', entry] : [await bundle(entry)]);
  // Per run: with tsx, its loader-hooks thread writes a profile of its own next to the main thread's.
  const profDir = join(root, 'bench', 'profiles', `bff-${tag}`);
  const profArgs: string[] = [];
  if (OPTS.cpuProf) {
    mkdirSync(profDir, { recursive: true });
    profArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const [bffEntry, bareEntry, mysqlEntry] = await Promise.all(['bff/src/server.ts', 'bench/bare-koa-server.ts', 'bench/mysql-only-server.ts'].map((e) => entryArgs(OPTS.runner, e)));
  const twinRunner = OPTS.abRunner ?? OPTS.runner;
  const twinRoot = OPTS.abRoot === '' ? root : resolve(OPTS.abRoot);
  const twinEntry = !twin ? [] : twinRoot !== root ? [await buildElsewhere(twinRoot, tag, cleanups)] : twinRunner === OPTS.runner ? bffEntry : await entryArgs(twinRunner, 'bff/src/server.ts');
  const listening = (line: string) => /^LISTENING (\d+)/.exec(line)?.[1] ?? null;
  const bffReady = (l: string) => /running at http:\/\/localhost:(\d+)/.exec(l)?.[1] ?? null;
  const [bff, bare, mysqlOnly, bffB] = await Promise.all([
    startServer('BFF', node, [...profArgs, ...bffEntry], { cwd: root, env, readyTimeoutMs: 60_000, ready: bffReady }),
    startServer('bare Koa', node, bareEntry, { cwd: root, env, readyTimeoutMs: 60_000, ready: listening }),
    startServer('MySQL-only', node, mysqlEntry, {
      cwd: root,
      env: { ...env, BENCH_ROUND_ID: world.roundId, BENCH_PICKUP_DATE: world.pickupDate },
      readyTimeoutMs: 60_000,
      ready: listening,
    }),
    twin
      ? startServer('BFF (B)', node, twinEntry, { cwd: twinRoot, env: { ...env, ...OPTS.abEnv, INSTANCE_NAME: `${env.INSTANCE_NAME}-b` }, readyTimeoutMs: 60_000, ready: bffReady })
      : null,
  ]);
  const base = (port: string) => `http://127.0.0.1:${port}`;
  const targets: Record<PathName, Target> = {
    bare: { name: 'bare', url: base(bare.value), path: '/bench', server: () => bare.child.pid, okStatus: '200' },
    booking: { name: 'booking', url: base(bff.value), path: '/api/v1/masks/reservations', server: () => bff.child.pid, okStatus: '201' },
    soldout: { name: 'soldout', url: base(bff.value), path: '/api/v1/masks/reservations', server: () => bff.child.pid, okStatus: '409' },
    mysql: { name: 'mysql', url: base(mysqlOnly.value), path: '/api/v1/masks/reservations', server: () => mysqlOnly.child.pid, okStatus: '201' },
    bookingB: { name: 'bookingB', url: base(bffB?.value ?? '0'), path: '/api/v1/masks/reservations', server: () => bffB?.child.pid ?? 0, okStatus: '201' },
    soldoutB: { name: 'soldoutB', url: base(bffB?.value ?? '0'), path: '/api/v1/masks/reservations', server: () => bffB?.child.pid ?? 0, okStatus: '409' },
  };
  return {
    children: { bff: bff.child, bare: bare.child, mysqlOnly: mysqlOnly.child, bffB: bffB?.child ?? null },
    targets,
    profDir,
    describe: `BFF pid ${bff.child.pid} :${bff.value}, bare Koa pid ${bare.child.pid} :${bare.value}, MySQL-only pid ${mysqlOnly.child.pid} :${mysqlOnly.value}`,
  };
}
