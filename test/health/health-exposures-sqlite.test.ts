import { newPerson, startHealthTestApp, type HealthTestApp } from './health-test-app';

describe.each(['real', 'embedded'] as const)('exposures and the whole flow on %s storage', (mode) => {
  let t: HealthTestApp;
  beforeAll(async () => {
    t = await startHealthTestApp('2026-12-04T02:00:00Z', mode);
  });
  afterAll(() => t.close());

  it('recordExposures turns the exposed person yellow once; a repeated report is ignored', async () => {
    const a = await t.citizen('ex-1', newPerson('韩一'));
    const b = await t.citizen('ex-2', newPerson('杨二'));
    const health = t.app.services.health;
    const first = await health.recordExposures([{ personId: a.personId, date: '2026-12-02', source: 'venue:v-1' }]);
    expect(first).toEqual({ recorded: 1, changed: 1 });
    const again = await health.recordExposures([{ personId: a.personId, date: '2026-12-02', source: 'venue:v-1' }]);
    expect(again).toEqual({ recorded: 0, changed: 0 });
    expect(await health.statusOf(a.personId)).toMatchObject({ colour: 'yellow', greenFrom: '2026-12-16', reasons: [{ rule: 'exposure', until: '2026-12-16' }] });
    expect((await health.statusOf(b.personId)).colour).toBe('green');
    // Never shown before: no previous colour.
    expect(t.notices).toContainEqual(expect.objectContaining({ personId: a.personId, from: null, to: 'yellow', cause: 'exposure' }));
  });

  it('imports, declarations, risk-area jobs and appeals run on this store', async () => {
    const official = await t.official('official-1');
    const person = newPerson('朱三');
    const c = await t.citizen('ex-3', person);
    const imp = await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'confirmed', csv: `idNumber,date,releasedOn\n${person.idNumber},2026-12-01,2026-12-10\n` } });
    expect(imp.body).toEqual({ imported: 1, changed: 1 });
    await t.request('POST', '/api/v1/health/declarations', { token: c.token, body: { symptoms: [], travel: [{ district: '江岸区', date: '2026-12-03' }] } });
    const put = await t.request('PUT', '/api/v1/admin/health/risk-areas', { token: official.token, body: { areas: [{ district: '江岸区', level: 'medium', from: '2026-12-01', until: null }] } });
    expect(put.status).toBe(202);
    await t.app.services.health.riskAreas.settle();
    expect((await t.request('GET', `/api/v1/admin/health/jobs/${put.body.job.id}`, { token: official.token })).body.job).toMatchObject({ status: 'done', total: 1, done: 1 });
    const code = (await t.request('GET', '/api/v1/health/code', { token: c.token })).body;
    expect(code).toMatchObject({ colour: 'red', greenFrom: '2026-12-10' });
    expect(code.reasons.map((r: { rule: string }) => r.rule)).toEqual(['confirmed', 'medium_risk_travel']);
    const appeal = await t.request('POST', '/api/v1/health/appeals', { token: c.token, body: { reason: '已经解除隔离，请核实' } });
    expect(appeal.status).toBe(201);
    const decided = await t.request('POST', `/api/v1/admin/health/appeals/${appeal.body.appeal.id}/decision`, { token: official.token, body: { outcome: 'overridden', note: '已核实解除隔离', colour: 'yellow', until: '2026-12-05' } });
    expect(decided.status).toBe(200);
    expect((await t.request('GET', '/api/v1/health/code', { token: c.token })).body).toMatchObject({ colour: 'yellow', greenFrom: '2026-12-10' });
  });
});
