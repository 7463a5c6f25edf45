import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAdminCommand } from '../../bff/src/cli/admin-commands';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'govpass-cli-'));
const CSV = join(dir, 'pharmacies.csv');
writeFileSync(
  CSV,
  'id,name,address,district,latitude,longitude,phone,openingHours\n' +
    'cli-1,测试药房一,包河区一号,包河区,31.80,117.30,0551-1,08:00-20:00\n' +
    'cli-2,测试药房二,蜀山区二号,蜀山区,31.82,117.22,0551-2,08:00-20:00\n',
);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('real');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runAdminCommand(t.app, args, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('admin CLI mask operations (MariaDB + Redis)', () => {
  it('imports pharmacies, audited, and refuses a file with bad rows by line', async () => {
    const ok = await cli('import-pharmacies', CSV);
    expect(ok.code).toBe(0);
    const rows = await t.app.database.db.selectFrom('pharmacies').select('id').where('id', 'in', ['cli-1', 'cli-2']).execute();
    expect(rows).toHaveLength(2);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,name,address,district,latitude,longitude,phone,openingHours\ncli-3,好,地址,区,31.8,117.3,1,08:00\ncli-4,坏,地址,区,999,117.3,1,08:00\n');
    const refused = await cli('import-pharmacies', bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/line 3/);
    expect(await t.app.database.db.selectFrom('pharmacies').select('id').where('id', '=', 'cli-3').executeTakeFirst()).toBeUndefined();
  });

  it('checks the ledger, rebuilds the hot store and prints the report', async () => {
    expect((await cli('ledger')).code).toBe(0);
    const rebuilt = await cli('rebuild-hot-store');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/^rebuilt: \d+ counter\(s\), \d+ hold\(s\), \d+ repeat period\(s\)/);
    const report = await cli('report', '--date', '2026-11-22');
    expect(report.code).toBe(0);
    expect(report.out.split('\n')[0]).toMatch(/^pharmacy/i);
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'masks.rebuild-hot-store').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('npm run admin as a real process (embedded store)', () => {
  it('imports pharmacies into the SQLite file and prints the usage on a bad command', () => {
    const env = { ...process.env, NODE_ENV: 'development', SQLITE_PATH: join(dir, 'cli.db'), DEMO_SEED: 'false' };
    const run = (...args: string[]) => spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['bff/src/cli/admin.ts', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    const imported = run('import-pharmacies', CSV);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/2/);
    const ledger = run('ledger');
    expect(ledger.status).toBe(0);
    const bad = run('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('rebuild-hot-store');
  }, 120_000);
});
