import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * SIGTERM under keep-alive load, on the real server process: /readyz turns 503 for the grace
 * period while traffic is still served; then every request already received is answered (with
 * Connection: close), idle connections close, and the process exits 0 before the drain timeout.
 * No request is reset: the only failures a client may see are refused connects once the listener
 * has closed (nothing was sent on them).
 */
const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const GRACE_MS = 2500;

interface Outcome {
  at: number;
  status?: number;
  connection?: string;
  error?: string;
}

function startServer(dir: string): { proc: ChildProcessWithoutNullStreams; url: Promise<string>; exit: Promise<{ code: number | null; out: string }> } {
  const proc = spawn(TSX, ['bff/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'drain.db'), LOG_LEVEL: 'info', LOG_SYNC: 'true', DRAIN_GRACE_MS: String(GRACE_MS), SHUTDOWN_GRACE_MS: '8000' },
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout.on('data', () => {
      const m = /running at http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[1]}`);
      }
    });
  });
  const exit = new Promise<{ code: number | null; out: string }>((r) => proc.on('exit', (code) => r({ code, out })));
  return { proc, url, exit };
}

function send(url: string, agent: Agent | false, method: string, path: string, body?: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolveRes, reject) => {
    const req = request(`${url}${path}`, { method, agent, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolveRes({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One keep-alive client in a loop until its connection is refused (the listener closed). */
async function client(url: string, agent: Agent, outcomes: Outcome[], stop: () => boolean): Promise<void> {
  const calls: [string, string, string?][] = [['GET', '/api/v1/masks/rounds/current'], ['GET', '/api/v1/masks/stock'], ['POST', '/api/v1/masks/reservations', '{"pharmacyId":"ph-001"}'], ['GET', '/healthz']];
  for (let i = 0; !stop(); i++) {
    const [method, path, body] = calls[i % calls.length];
    try {
      const res = await send(url, agent, method, path, body);
      outcomes.push({ at: Date.now(), status: res.status, connection: res.headers.connection });
    } catch (err) {
      outcomes.push({ at: Date.now(), error: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
      if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') return;
    }
  }
}

/** A request whose body is half sent before SIGTERM and finished once the listener has closed. */
function slowRequest(url: string): { finish(): void; answer: Promise<{ status: number; headers: IncomingHttpHeaders }> } {
  const body = '{"channel":"h5","code":"dev:slow-drain"}';
  let finish = () => {};
  const answer = new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolveRes, reject) => {
    const req = request(`${url}/api/v1/auth/login`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolveRes({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { finish: () => finish(), answer };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('drains on SIGTERM under keep-alive load: /readyz 503 while serving, every received request answered, no reset, exit 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'govpass-drain-'));
  const { proc, url: urlPromise, exit } = startServer(dir);
  try {
    const url = await urlPromise;
    expect((await send(url, false, 'GET', '/readyz')).status).toBe(200);
    const agent = new Agent({ keepAlive: true, maxSockets: 6 });
    const outcomes: Outcome[] = [];
    let exited = false;
    void exit.then(() => (exited = true));
    const clients = Array.from({ length: 6 }, () => client(url, agent, outcomes, () => exited));
    await sleep(300);
    const slow = slowRequest(url);
    await sleep(100);

    const signalledAt = Date.now();
    proc.kill('SIGTERM');
    await sleep(300);
    // Announcing: the load balancer sees the drain on a fresh connection, traffic still flows.
    const ready = await send(url, false, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect((await send(url, false, 'GET', '/healthz')).status).toBe(200);
    const servedBefore = outcomes.filter((o) => o.status !== undefined).length;
    await sleep(500);
    expect(outcomes.filter((o) => o.status !== undefined).length).toBeGreaterThan(servedBefore);
    expect(outcomes.filter((o) => o.at > signalledAt && o.status !== undefined && o.connection === 'close')).toEqual([]);

    // Closing: the half-sent request is finished after the listener closed, and answered.
    await sleep(GRACE_MS);
    await expect(send(url, false, 'GET', '/readyz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    slow.finish();
    const slowAnswer = await slow.answer;
    expect(slowAnswer.status).toBe(200);
    expect(slowAnswer.headers.connection).toBe('close');

    const { code, out } = await exit;
    await Promise.all(clients);
    agent.destroy();
    expect(code).toBe(0);
    expect(out).toMatch(/"forced":false/);
    const errors = outcomes.filter((o) => o.error !== undefined);
    // Refused connects only (the client's next connection after a Connection: close), nothing reset.
    expect(errors.filter((o) => o.error !== 'ECONNREFUSED')).toEqual([]);
    expect(outcomes.filter((o) => o.status !== undefined && o.status >= 500)).toEqual([]);
    // Every client was told to close its connection rather than having it cut.
    expect(outcomes.filter((o) => o.connection === 'close').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.filter((o) => o.status !== undefined).length).toBeGreaterThan(50);
  } finally {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
