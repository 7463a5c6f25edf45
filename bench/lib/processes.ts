import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ). */
export const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** CPU time (user + system) a process has used so far, in µs; null when it is gone. */
export function cpuMicros(pid: number): number | null {
  return cpuSplit(pid)?.total ?? null;
}

/** User and system CPU time of a process so far, in µs (all its threads); null when it is gone. */
export function cpuSplit(pid: number): { user: number; sys: number; total: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces; the fields after its closing ')' are fixed:
  // utime and stime are fields 14 and 15 of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = (Number(fields[11]) * 1_000_000) / CLK_TCK;
  const sys = (Number(fields[12]) * 1_000_000) / CLK_TCK;
  return { user, sys, total: user + sys };
}

/** The first process whose command name is one of `names` (read-only scan of /proc). */
export function findPidByComm(names: string[]): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** Last lines of stderr + stdout, for error messages. */
  tail(): string;
  exited: Promise<number | null>;
}

const children = new Set<Child>();

export interface StartOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Resolves with the value `ready` extracts from a stdout line. */
  ready: (line: string) => string | null;
  readyTimeoutMs: number;
}

/** Spawns a long-running server and waits until it prints its ready line. */
export async function startServer(name: string, command: string, args: string[], opts: StartOptions): Promise<{ child: Child; value: string }> {
  const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`${name}: could not spawn ${command}`);
  const lines: string[] = [];
  const keep = (s: string) => {
    for (const l of s.split('\n')) if (l.trim()) lines.push(l);
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  const child: Child = { name, proc, pid: proc.pid, tail: () => lines.join('\n'), exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  proc.stderr?.setEncoding('utf8').on('data', keep);
  const value = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not become ready in ${opts.readyTimeoutMs} ms:\n${child.tail()}`)), opts.readyTimeoutMs);
    let buf = '';
    proc.stdout?.setEncoding('utf8').on('data', (s: string) => {
      keep(s);
      buf += s;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const v = opts.ready(line);
        if (v !== null) {
          clearTimeout(timer);
          resolve(v);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}) before it was ready:\n${child.tail()}`));
    });
  });
  return { child, value };
}

/** Runs a command to completion (bounded by `timeoutMs`); returns its stdout. */
export function runToEnd(name: string, command: string, args: string[], timeoutMs: number, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (proc.pid === undefined) {
      proc.once('error', reject);
      return;
    }
    const child: Child = { name, proc, pid: proc.pid, tail: () => '', exited: new Promise((r) => proc.once('exit', r)) };
    children.add(child);
    let stdout = '';
    let stderr = '';
    proc.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    proc.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      stderr += `\n(${name} killed after ${timeoutMs} ms)`;
      proc.kill('SIGKILL');
    }, timeoutMs);
    proc.once('error', (err) => {
      clearTimeout(timer);
      children.delete(child);
      reject(err);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. Only this child, by its pid. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Stops every child this process started and that is still running. */
export async function stopAllChildren(graceMs = 5000): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c, graceMs)));
}
