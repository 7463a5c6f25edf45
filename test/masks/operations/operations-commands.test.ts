import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawCommand, expireCommand, importPharmaciesCommand, ledgerCommand, reportCommand, type OperationsCommandDeps } from '../../../bff/src/domains/masks/operations/operations-commands';
import { OpsFixture, cst } from './operations-fixture';

let f: OpsFixture;
let deps: OperationsCommandDeps;
let clock = cst('2020-01-31 12:00');
const dir = mkdtempSync(join(tmpdir(), 'gp-ops-'));

beforeAll(async () => {
  f = await OpsFixture.open();
  deps = { db: f.db, hotPath: f.hotPath, audit: f.audit, actor: 'cli:tester', now: () => clock, applicantRef: f.applicantRef };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await f?.close();
});

async function run(command: typeof ledgerCommand, ...args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await command(deps, args, (l) => out.push(l));
  return { code, out };
}

describe('operations commands (what `npm run admin -- …` will call)', () => {
  it('import-pharmacies: reports line errors with exit 1, imports a good file with exit 0', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,name,address,district,latitude,longitude,phone,openingHours\nph-a,A,addr,d,91,121,1,h\n');
    expect(await run(importPharmaciesCommand, bad)).toEqual({ code: 1, out: ['line 2: latitude must be between -90 and 90', 'nothing imported: 1 problem(s)'] });
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'id,name,address,district,latitude,longitude,phone,openingHours\nph-a,A,addr,d,31,121,1,h\nph-b,B,addr,d,31,121,1,h\n');
    expect(await run(importPharmaciesCommand, good)).toEqual({ code: 0, out: ['imported 2 pharmacies: 2 new, 0 updated, 0 unchanged'] });
    expect((await run(importPharmaciesCommand)).code).toBe(2);
  });

  it('draw, draw --verify, expire, ledger and report run a lottery round end to end', async () => {
    await f.round({ id: 'lot', opens: '2020-02-01 08:00', closes: '2020-02-01 20:00', pickupDate: '2020-02-02', mode: 'lottery' }, { 'ph-a': 1, 'ph-b': 2 });
    await f.round({ id: 'next', opens: '2020-02-03 08:00', closes: '2020-02-03 20:00', pickupDate: '2020-02-04' }, { 'ph-a': 1 });
    for (const p of ['x1', 'x2', 'x3']) await f.apply('lot', 'ph-a', p, cst('2020-02-01 09:00'));
    await f.apply('lot', 'ph-b', 'x4', cst('2020-02-01 09:00'));

    clock = cst('2020-02-01 19:00');
    expect(await run(drawCommand, '--round', 'lot')).toEqual({ code: 1, out: [expect.stringMatching(/^error: Round lot is still taking applications/)] });
    clock = cst('2020-02-01 20:01');
    const draw = await run(drawCommand, '--round', 'lot', '--seed', 'cli-seed');
    expect(draw.code).toBe(0);
    expect(draw.out).toEqual([
      `round lot drawn at ${new Date(clock).toISOString()} with seed cli-seed`,
      '4 application(s): 2 won, 2 lost (0 passed over for holding another reservation)',
      '  ph-a: 1/1 unit(s) to 3 applicant(s)',
      '  ph-b: 1/2 unit(s) to 1 applicant(s)',
    ]);
    const verify = await run(drawCommand, '--round', 'lot', '--verify');
    expect(verify).toEqual({ code: 0, out: [expect.stringMatching(/^round lot: seed cli-seed, drawn .*, 4 application\(s\)$/), 'verified: the stored results are exactly what the seed gives'] });

    expect((await run(ledgerCommand)).code).toBe(0);

    clock = cst('2020-02-03 00:10');
    expect(await run(expireCommand, '--due')).toEqual({ code: 0, out: ['round lot: 2 reservation(s) expired, units rolled into round next', '  ph-a: +1', '  ph-b: +2 (1 uncollected, 1 never booked)'] });
    expect(await run(expireCommand, '--round', 'lot')).toEqual({ code: 0, out: [`round lot was already expired at ${new Date(clock).toISOString()}; nothing changed`] });
    expect(await run(expireCommand, '--due')).toEqual({ code: 0, out: ['no round is due for expiry'] });

    const ledger = await run(ledgerCommand);
    expect(ledger.code).toBe(0);
    // next/ph-b only exists through the rollover and has no counter yet: its remaining is derived.
    expect(ledger.out.slice(-2)).toEqual(['ledger holds: 4 row(s), no violations', expect.stringMatching(/^note: remaining marked "derived"/)]);
    expect(ledger.out.find((l) => /^next\s+ph-b\s/.test(l))).toMatch(/derived$/);

    const report = await run(reportCommand, '--date', '2020-02-02');
    expect(report.code).toBe(0);
    expect(report.out).toEqual([
      'pharmacy_id,pharmacy_name,round_id,round_name,pickup_date,quota,rolled_in,unbooked_out,reserved,redeemed,expired,cancelled,outstanding,remaining,remaining_source',
      'ph-a,A,lot,lot,2020-02-02,1,0,0,1,0,1,0,0,0,hot-path',
      'ph-b,B,lot,lot,2020-02-02,2,0,1,1,0,1,0,0,0,hot-path',
    ]);
    const out = join(dir, 'report.csv');
    expect(await run(reportCommand, '--date', '2020-02-02', '--out', out)).toEqual({ code: 0, out: [`wrote 2 row(s) for 2020-02-02 to ${out}`] });
    expect(readFileSync(out, 'utf8')).toBe(`\uFEFF${report.out.join('\r\n')}\r\n`);

    // A tampered result makes verification fail with exit 1; a tampered counter makes the ledger fail.
    await f.db.updateTable('lottery_applications').set({ result: 'lost' }).where('round_id', '=', 'lot').where('result', '=', 'won').where('pharmacy_id', '=', 'ph-a').execute();
    const tampered = await run(drawCommand, '--round', 'lot', '--verify');
    expect(tampered.code).toBe(1);
    expect(tampered.out.at(-1)).toBe('NOT verified: 1 mismatch(es)');
    await f.hotPath.setRemaining('next', 'ph-a', 7);
    const broken = await run(ledgerCommand);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('  [supply] round next pharmacy ph-a: quota 1 + rolled_in 1 = 2, but reserved 0 + unbooked_out 0 + remaining 7 = 7');
  });

  it('answers bad usage with the usage text and exit 2', async () => {
    const r = await run(drawCommand);
    expect(r.code).toBe(2);
    expect(r.out[0]).toBe('error: draw needs --round <id>');
    expect((await run(expireCommand, '--round', 'x', '--due')).code).toBe(2);
    expect((await run(reportCommand, '--date', '2020/02/02')).code).toBe(2);
    expect((await run(ledgerCommand, '--bogus')).code).toBe(2);
  });
});
