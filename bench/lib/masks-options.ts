import { resolve } from 'node:path';

/** The command line of `npm run bench:masks` (see the header of bench/masks-bench.ts). */
export function option(name: string, fallback: string): string {
  const hit = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return fallback;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
}
export function intOption(name: string, fallback: number, min: number, max: number): number {
  const v = Number(option(name, String(fallback)));
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be an integer in [${min}, ${max}]`);
  return v;
}

export type PathName = 'bare' | 'booking' | 'soldout' | 'mysql' | 'bookingB' | 'soldoutB';
export const ALL_PATHS: PathName[] = ['bare', 'booking', 'soldout', 'mysql'];
export const LETTER: Record<PathName, string> = { bare: 'A', booking: 'B', soldout: 'C', mysql: 'D', bookingB: 'E', soldoutB: 'F' };

export const OPTS = {
  persons: intOption('persons', 150_000, 1_000, 1_000_000),
  rounds: intOption('rounds', 5, 1, 20),
  sliceSec: intOption('slice', 4, 1, 60),
  warmupSec: intOption('warmup', 2, 0, 60),
  connections: intOption('connections', 32, 1, 1024),
  threads: intOption('threads', 1, 1, 8),
  cpuProf: option('cpu-prof', 'false') === 'true',
  /** Book only at the first N pharmacies (0 = all): the opening-time crowd at a few popular shops, where row locks contend. */
  hot: intOption('hot', 0, 0, 64),
  paths: option('paths', ALL_PATHS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is PathName => (ALL_PATHS as string[]).includes(s)),
  abEnv: parseAbEnv(option('ab-env', '')),
  /** How the servers run: `bundle` (compiled with bff/scripts/build.mjs, as production runs the BFF) or `tsx`. */
  runner: runnerOption('runner', 'bundle'),
  /** The A/B twin's runner (default: --runner); `--ab-runner=tsx` alone compares the two. */
  abRunner: option('ab-runner', '') === '' ? null : runnerOption('ab-runner', 'bundle'),
  /** The A/B twin's checkout (default: this one): its BFF compiled and run from there. */
  abRoot: option('ab-root', ''),
};
if (OPTS.abRoot !== '' && Object.keys(OPTS.abEnv).length === 0) OPTS.abEnv = { GP_AB_ROOT: resolve(OPTS.abRoot) };
if (OPTS.abRunner !== null && Object.keys(OPTS.abEnv).length === 0) OPTS.abEnv = { GP_AB_RUNNER: OPTS.abRunner };
if (Object.keys(OPTS.abEnv).length > 0) {
  if (OPTS.paths.includes('booking')) OPTS.paths.splice(OPTS.paths.indexOf('booking') + 1, 0, 'bookingB');
  if (OPTS.paths.includes('soldout')) OPTS.paths.splice(OPTS.paths.indexOf('soldout') + 1, 0, 'soldoutB');
  if (!OPTS.paths.includes('bookingB') && !OPTS.paths.includes('soldoutB')) throw new Error('--ab-env needs the booking or the soldout path');
}

function runnerOption(name: string, fallback: 'bundle' | 'tsx'): 'bundle' | 'tsx' {
  const v = option(name, fallback);
  if (v !== 'bundle' && v !== 'tsx') throw new Error(`--${name} must be bundle or tsx`);
  return v;
}

/** The BFF's booking path, or its A/B twin. */
export function isBooking(p: PathName): boolean {
  return p === 'booking' || p === 'bookingB';
}

function parseAbEnv(value: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of value.split(',').filter(Boolean)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(pair);
    if (!m) throw new Error(`--ab-env wants K=V pairs, got "${pair}"`);
    env[m[1]] = m[2];
  }
  return env;
}
if (OPTS.paths.length === 0) throw new Error(`--paths must name some of ${ALL_PATHS.join(',')}`);
