import { CLK_TCK, runToEnd } from './processes';

export interface WrkResult {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  wraps: number;
  statuses: Record<string, number>;
  /** wrk's own CPU (it shares the machine's cores with the servers). */
  cpuUs: number;
}

/** Installs wrk with apt-get when it is missing and we are root; else says how. */
export async function ensureWrk(log: (msg: string) => void): Promise<void> {
  const found = await runToEnd('wrk', 'wrk', ['--version'], 5000).catch(() => null);
  if (found && /^wrk /m.test(found.stdout + found.stderr)) return;
  if (process.getuid?.() !== 0) {
    throw new Error('wrk is not installed. Install it (Debian/Ubuntu: sudo apt-get install -y wrk) and run again.');
  }
  log('wrk is missing: apt-get install -y wrk …');
  let r = await runToEnd('apt-get', 'apt-get', ['install', '-y', 'wrk'], 180_000);
  if (r.code !== 0) {
    await runToEnd('apt-get', 'apt-get', ['update'], 180_000);
    r = await runToEnd('apt-get', 'apt-get', ['install', '-y', 'wrk'], 180_000);
  }
  if (r.code !== 0) throw new Error(`apt-get install -y wrk failed:\n${r.stderr.slice(-2000)}`);
}

// wrk runs under a shell that, once wrk has exited, prints its own /proc stat: fields 16 and 17
// (cutime, cstime) are then wrk's CPU, which the load generator takes from the same two cores.
const WRK_UNDER_SHELL = 'wrk "$@"; code=$?; echo "WRKCPU $(cut -d" " -f16,17 /proc/$$/stat)" >&2; exit $code';

export interface WrkRun {
  url: string;
  threads: number;
  connections: number;
  seconds: number;
  /** A wrk Lua script that prints one `WRKJSON {…}` line from done() (bench/wrk-post.lua's format). */
  script: string;
  scriptArgs: string[];
}

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const args = ['-t', String(run.threads), '-c', String(run.connections), '-d', `${run.seconds}s`, '--timeout', '5s', '-s', run.script, run.url, '--', ...run.scriptArgs];
  const r = await runToEnd('wrk', 'sh', ['-c', WRK_UNDER_SHELL, 'sh', ...args], run.seconds * 1000 + 20_000);
  const line = r.stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk printed no result (exit ${r.code}):\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
  const ticks = /WRKCPU (\d+) (\d+)/.exec(r.stderr);
  const cpuUs = ticks ? ((Number(ticks[1]) + Number(ticks[2])) * 1_000_000) / CLK_TCK : NaN;
  return { ...(JSON.parse(line.slice('WRKJSON '.length)) as Omit<WrkResult, 'cpuUs'>), cpuUs };
}
