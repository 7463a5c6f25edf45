import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../support/test-services';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
/** Where this suite builds the production bundle (inside the repository: it finds node_modules as the sources do). */
const BUNDLE = 'bff/dist/test-server-process/server.js';

type Runner = 'sources under tsx (npm run start:dev)' | 'compiled bundle (npm start)';
const RUNNERS: Runner[] = ['sources under tsx (npm run start:dev)', 'compiled bundle (npm start)'];

function startServer(runner: Runner, env: Record<string, string>): ChildProcessWithoutNullStreams {
  const [command, args] = runner.startsWith('compiled') ? [process.execPath, [BUNDLE]] : [TSX, ['bff/src/server.ts']];
  return spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } });
}

beforeAll(() => {
  const built = spawnSync(process.execPath, ['bff/scripts/build.mjs', 'bff/src/server.ts', BUNDLE], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundle build failed:\n${built.stdout}${built.stderr}`);
}, 60_000);
afterAll(() => rmSync(join(ROOT, 'bff/dist/test-server-process'), { recursive: true, force: true }));

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

describe.each(RUNNERS)('the server process (embedded default store): %s', (runner) => {
  const dir = mkdtempSync(join(tmpdir(), 'govpass-server-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with demo data, serves the API, and drains on SIGTERM', async () => {
    const proc = startServer(runner, { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'demo.db'), LOG_LEVEL: 'warn' });
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
    const proc = startServer(runner, { NODE_ENV: 'development', PORT: 'eighty', SQLITE_PATH: join(dir, 'bad.db') });
    const { code, stderr } = await exitOf(proc);
    expect(code).toBe(1);
    expect(stderr).toContain('server.port');
  }, 60_000);
});

describe('the compiled bundle on Redis + MariaDB', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(() => scratch.drop());

  it('finds its migrations, Lua scripts and config beside the sources: a demo booking on Redis reaches MySQL', async () => {
    const proc = startServer('compiled bundle (npm start)', { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', MYSQL_URL: scratch.url, REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix('bundle'), LOG_LEVEL: 'warn' });
    const exited = exitOf(proc);
    try {
      await bookThroughLua(await waitForUrl(proc));
    } finally {
      proc.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);
  }, 60_000);
});

/** Books as the demo citizen (Lua on Redis) and waits for the outbox consumer's MySQL row. */
async function bookThroughLua(url: string): Promise<void> {
  expect((await (await fetch(`${url}/readyz`)).json()).status).toBe('ready');
  const login = await (await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'h5', code: 'dev:citizen-2' }) })).json();
  const booked = await fetch(`${url}/api/v1/masks/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}`, 'idempotency-key': 'bundle-booking-0001' },
    body: JSON.stringify({ pharmacyId: 'ph-001' }),
  });
  expect(booked.status).toBe(201);
  const { reservation } = await booked.json();
  const mine = async () => (await (await fetch(`${url}/api/v1/masks/reservations`, { headers: { authorization: `Bearer ${login.token}` } })).json()).items;
  // The outbox consumer writes the row within moments.
  for (let i = 0; i < 50 && (await mine()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await mine()).map((r: { id: string }) => r.id)).toEqual([reservation.id]);
}
