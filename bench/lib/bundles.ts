import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Cleanups } from './cleanups';

/**
 * Compiles the benchmark's servers as production runs the BFF (bff/scripts/build.mjs), each where
 * its packages resolve as they do from its sources: a BFF entry inside bff/ (so bff/node_modules,
 * where the BFF's own versions of shared packages live, comes before the root's), the bench's own
 * servers inside bench/. Both folders are removed at the end.
 */
export function serverBundler(root: string, tag: string, cleanups: Cleanups): (entry: string) => Promise<string> {
  const dirs = { bff: join(root, 'bff', '.build', tag), bench: join(root, 'bench', '.build', tag) };
  cleanups.add('server bundles', async () => {
    rmSync(dirs.bff, { recursive: true, force: true });
    rmSync(dirs.bench, { recursive: true, force: true });
  });
  return async (entry) => {
    const { buildNodeEntry } = await import('../../bff/scripts/build.mjs');
    const dir = entry.startsWith('bff/') ? dirs.bff : dirs.bench;
    return buildNodeEntry(entry, join(dir, basename(entry).replace(/\.ts$/, '.js')));
  };
}

/**
 * The BFF of another checkout (`--ab-root`, e.g. a worktree of the base commit), compiled there by
 * that checkout's own build script, so an A/B run can put the code before a change beside the code
 * after it. Returns the bundle's path; removed at the end.
 */
export async function buildElsewhere(root: string, tag: string, cleanups: Cleanups): Promise<string> {
  const out = join(root, 'bff', '.build', `${tag}-ab`, 'server.js');
  cleanups.add('A/B bundle', async () => rmSync(join(root, 'bff', '.build', `${tag}-ab`), { recursive: true, force: true }));
  execFileSync(process.execPath, [join(root, 'bff/scripts/build.mjs'), 'bff/src/server.ts', out], { cwd: root, stdio: 'inherit' });
  return out;
}
