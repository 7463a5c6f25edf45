import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdminCommand } from '../../bff/src/cli/admin-commands';
import { newPerson, startHealthTestApp, type Caller, type HealthTestApp } from './health-test-app';

let t: HealthTestApp;
let official: Caller;
const dir = mkdtempSync(join(tmpdir(), 'govpass-health-'));
beforeAll(async () => {
  t = await startHealthTestApp('2026-12-04T02:00:00Z');
  official = await t.official('official-1');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitForJob(id: string) {
  for (let i = 0; i < 100; i += 1) {
    const res = await t.request('GET', `/api/v1/admin/health/jobs/${id}`, { token: official.token });
    expect(res.status).toBe(200);
    if (res.body.job.status === 'done' || res.body.job.status === 'failed') return res.body.job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

async function colour(c: Caller): Promise<string> {
  return (await t.request('GET', '/api/v1/health/code', { token: c.token })).body.colour;
}

async function travelled(c: Caller, district: string, date: string): Promise<void> {
  const res = await t.request('POST', '/api/v1/health/declarations', { token: c.token, body: { symptoms: [], travel: [{ district, date }] } });
  expect(res.status).toBe(201);
}

async function causes(personId: string): Promise<string[]> {
  const rows = await t.app.database.db.selectFrom('health_colour_changes').select(['cause', 'to_colour']).where('person_id', '=', personId).orderBy('id').execute();
  return rows.map((r) => `${r.cause}:${r.to_colour}`);
}

describe('risk areas (MariaDB + Redis)', () => {
  it('a change re-evaluates only the people whose declarations name a changed district, with progress to done', async () => {
    const wuhan = await t.citizen('ra-1', newPerson('甲一'));
    const wuchang = await t.citizen('ra-2', newPerson('乙二'));
    const stayed = await t.citizen('ra-3', newPerson('丙三'));
    await travelled(wuhan, '江汉区', '2026-12-02');
    await travelled(wuchang, '武昌区', '2026-12-03');
    await travelled(stayed, '洪山区', '2026-12-03');
    const evaluated = jest.spyOn(t.app.services.health.status, 'recompute');

    const put = await t.request('PUT', '/api/v1/admin/health/risk-areas', { token: official.token, body: { areas: [{ district: '江汉区', level: 'high', from: '2026-11-25', until: null }] } });
    expect(put.status).toBe(202);
    expect(put.body.job).toMatchObject({ kind: 'risk_areas', status: expect.stringMatching(/queued|running|done/), finishedAt: null });
    const job = await waitForJob(put.body.job.id);
    expect(job).toMatchObject({ status: 'done', total: 1, done: 1, changed: 1, finishedAt: expect.any(String) });
    expect(evaluated.mock.calls.map((c) => c[0])).toEqual([wuhan.personId]);

    expect(await colour(wuhan)).toBe('yellow');
    expect(await colour(wuchang)).toBe('green');
    expect(await colour(stayed)).toBe('green');
    const code = (await t.request('GET', '/api/v1/health/code', { token: wuhan.token })).body;
    expect(code).toMatchObject({ greenFrom: '2026-12-16', reasons: [{ rule: 'high_risk_travel', until: '2026-12-16' }] });

    const pub = await t.request('GET', '/api/v1/health/risk-areas');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ areas: [{ district: '江汉区', level: 'high', from: '2026-11-25', until: null }] });

    // Replaced: 江汉区 leaves the set and 武昌区 enters it, so both travellers are re-evaluated, nobody else.
    evaluated.mockClear();
    const second = await t.request('PUT', '/api/v1/admin/health/risk-areas', { token: official.token, body: { areas: [{ district: '武昌区', level: 'medium', from: '2026-12-01', until: null }] } });
    const job2 = await waitForJob(second.body.job.id);
    expect(job2).toMatchObject({ status: 'done', total: 2, done: 2, changed: 2 });
    expect(evaluated.mock.calls.map((c) => c[0]).sort()).toEqual([wuhan.personId, wuchang.personId].sort());
    expect(await colour(wuhan)).toBe('green');
    expect(await colour(wuchang)).toBe('yellow');
    expect(await causes(wuhan.personId)).toEqual(['risk_areas:yellow', 'risk_areas:green']);
    expect(await causes(stayed.personId)).toEqual([]);
    evaluated.mockRestore();

    const audit = await t.app.database.db.selectFrom('audit_log').select(['actor', 'target_id']).where('action', '=', 'health.set_risk_areas').execute();
    expect(audit).toEqual([{ actor: official.userId, target_id: put.body.job.id }, { actor: official.userId, target_id: second.body.job.id }]);
  });

  it('refuses an area that ends before it starts, and an unknown job', async () => {
    const bad = await t.request('PUT', '/api/v1/admin/health/risk-areas', { token: official.token, body: { areas: [{ district: '青山区', level: 'high', from: '2026-12-03', until: '2026-12-01' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'areas.0.until', message: '结束日期不能早于开始日期' }]);
    const missing = await t.request('GET', '/api/v1/admin/health/jobs/no-such-job', { token: official.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('JOB_NOT_FOUND');
  });

  it('the CLI imports lists and test results and sets risk areas, audited as cli:<user>; bad files print the line', async () => {
    const person = newPerson('丁四');
    const c = await t.citizen('ra-cli', person);
    await travelled(c, '青山区', '2026-12-02');
    const out: string[] = [];
    const cli = (...args: string[]) => runAdminCommand(t.app, args, (l) => out.push(l));

    const list = join(dir, 'list.csv');
    writeFileSync(list, `idNumber,date,releasedOn\n${person.idNumber},2026-12-03,\n`);
    expect(await cli('import-health-list', '--list', 'close_contact', list)).toBe(0);
    expect(out.pop()).toBe('imported 1 row(s) into close_contact; 1 person(s) changed colour');
    expect(await colour(c)).toBe('red');

    const badList = join(dir, 'bad.csv');
    writeFileSync(badList, `idNumber,date,releasedOn\n${person.idNumber},2026-13-03,\n`);
    expect(await cli('import-health-list', '--list', 'confirmed', badList)).toBe(1);
    expect(out.slice(-1)[0]).toMatch(/^line 2: /);
    expect(await cli('import-health-list', '--list', 'nonsense', list)).toBe(2);

    const tests = join(dir, 'tests.csv');
    writeFileSync(tests, `idNumber,result,sampledAt\n${person.idNumber},positive,2026-12-04T09:00:00+08:00\n`);
    expect(await cli('import-test-results', tests)).toBe(0);
    expect(out.pop()).toBe('imported 1 test result(s); 0 person(s) changed colour');

    const areas = join(dir, 'areas.json');
    writeFileSync(areas, JSON.stringify({ areas: [{ district: '青山区', level: 'high', from: '2026-12-01', until: null }] }));
    expect(await cli('set-risk-areas', areas)).toBe(0);
    // 武昌区 (set by the first test) leaves the set too: its traveller is re-evaluated and turns green.
    expect(out.pop()).toMatch(/^risk areas set: 1; job \S+ done: 2\/2 re-evaluated, 1 changed colour$/);
    const reasons = (await t.request('GET', '/api/v1/health/code', { token: c.token })).body.reasons.map((r: { rule: string }) => r.rule);
    expect(reasons).toEqual(['close_contact', 'positive_test', 'high_risk_travel']);

    const actors = await t.app.database.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'in', ['health.import_list', 'health.import_test_results', 'health.set_risk_areas']).where('actor', 'like', 'cli:%').execute();
    expect(actors.map((a) => a.action).sort()).toEqual(['health.import_list', 'health.import_test_results', 'health.set_risk_areas']);
  });
});
