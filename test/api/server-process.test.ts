import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function startServer(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(TSX, ['bff/src/server.ts'], { cwd: ROOT, env: { ...process.env, ...env } });
}

function waitForUrl(proc: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/localhost:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

function exitOf(proc: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => proc.on('exit', (code) => r({ code, stderr })));
}

describe('the server process (embedded default store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govpass-server-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with demo data, serves the API, and drains on SIGTERM', async () => {
    const proc = startServer({ NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'demo.db'), LOG_LEVEL: 'warn' });
    const exited = exitOf(proc);
    const url = await waitForUrl(proc);
    expect((await (await fetch(`${url}/healthz`)).json()).status).toBe('ok');
    const login = await (await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'h5', code: 'dev:citizen-2' }) })).json();
    expect(login.user.verified).toBe(true);
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${login.token}` } })).json();
    expect(me.identity).toEqual({ name: '李*', idNumber: expect.stringMatching(/^1101\*{10}\d{3}[\dX]$/) });
    const admin = await (await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'h5', code: 'dev:admin' }) })).json();
    expect(admin.user.roles).toContainEqual({ role: 'admin', scopeId: null });
    // The demo round is open, so 口罩预约 can be clicked through: a verified citizen books at once.
    const round = await (await fetch(`${url}/api/v1/masks/rounds/current`)).json();
    expect(round.round).toMatchObject({ status: 'open', mode: 'first_come' });
    const booked = await fetch(`${url}/api/v1/masks/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}`, 'idempotency-key': 'demo-booking-0001' },
      body: JSON.stringify({ pharmacyId: 'ph-001' }),
    });
    expect(booked.status).toBe(201);
    proc.kill('SIGTERM');
    const { code } = await exited;
    expect(code).toBe(0);
  }, 60_000);

  it('refuses to start on a bad config value, naming the key', async () => {
    const proc = startServer({ NODE_ENV: 'development', PORT: 'eighty', SQLITE_PATH: join(dir, 'bad.db') });
    const { code, stderr } = await exitOf(proc);
    expect(code).toBe(1);
    expect(stderr).toContain('server.port');
  }, 60_000);
});
