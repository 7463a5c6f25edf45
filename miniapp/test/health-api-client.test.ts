import { codeApi } from '../src/api/code-api';
import { healthApi } from '../src/api/health-api';
import { fakeServer, signedIn } from './helpers';
import { appeal, HEALTH, healthCode, job } from './health-fixtures';

describe('health and code API clients (healthRoutes, codeRoutes)', () => {
  beforeEach(() => signedIn(undefined, 'tok-h'));

  it("asks for a family member's code with personId in the query, with the token", async () => {
    fakeServer.on('GET', HEALTH.code, fakeServer.json(200, healthCode()));

    await healthApi.call('healthCode', { query: { personId: 'p-2' } });
    await healthApi.call('healthCode');

    expect(fakeServer.requests.map((r) => r.url)).toEqual([`http://api.test${HEALTH.code}?personId=p-2`, `http://api.test${HEALTH.code}`]);
    expect(fakeServer.requests[0].header.Authorization).toBe('Bearer tok-h');
    expect(fakeServer.requests[0].method).toBe('GET');
  });

  it('posts a declaration body as given', async () => {
    const status = { colour: 'green', reasons: [], greenFrom: null, computedAt: '2026-12-04T08:00:00.000Z' };
    fakeServer.on('POST', HEALTH.declarations, fakeServer.json(201, { id: 'd-1', date: '2026-12-04', status }));
    const body = { symptoms: ['cough' as const], travel: [{ district: '武汉市江岸区', date: '2026-12-01' }] };

    await healthApi.call('declare', { body });

    expect(fakeServer.requests[0]).toMatchObject({ method: 'POST', data: body });
  });

  it('fills the appeal id into the decision path', async () => {
    fakeServer.on('POST', '/api/v1/admin/health/appeals/ap%2F1/decision', fakeServer.json(200, { appeal: appeal({ status: 'upheld' }) }));

    await healthApi.call('decideAppeal', { params: { id: 'ap/1' }, body: { outcome: 'upheld', note: '核实无误，维持' } });

    expect(fakeServer.requests[0].url).toBe('http://api.test/api/v1/admin/health/appeals/ap%2F1/decision');
  });

  it('replaces risk areas with PUT and polls the job by id', async () => {
    fakeServer.on('PUT', HEALTH.setRiskAreas, fakeServer.json(202, { job: job() }));
    fakeServer.on('GET', HEALTH.job('job-1'), fakeServer.json(200, { job: job({ status: 'done', done: 200 }) }));

    await healthApi.call('setRiskAreas', { body: { areas: [{ district: '江岸区', level: 'high', from: '2026-12-01', until: null }] } });
    const { job: polled } = await healthApi.call('healthJob', { params: { id: 'job-1' } });

    expect(fakeServer.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT http://api.test${HEALTH.setRiskAreas}`,
      `GET http://api.test${HEALTH.job('job-1')}`,
    ]);
    expect(polled.status).toBe('done');
  });

  it('fetches public keys without a token and verifies a code with one', async () => {
    fakeServer.on('GET', HEALTH.keys, fakeServer.json(200, { keys: [] }));
    fakeServer.on('POST', HEALTH.verify, fakeServer.error(422, 'REVOKED'));

    await codeApi.call('codeKeys');
    await expect(codeApi.call('verifyCode', { body: { code: 'GPC1.x.y' } })).rejects.toMatchObject({ code: 'REVOKED', status: 422 });

    expect(fakeServer.requests[0].header.Authorization).toBeUndefined();
    expect(fakeServer.requests[1]).toMatchObject({ method: 'POST', data: { code: 'GPC1.x.y' } });
    expect(fakeServer.requests[1].header.Authorization).toBe('Bearer tok-h');
  });

  it('issues a printed card for a family member (POST /codes/printed)', async () => {
    const printed = { id: 'pc-1', code: 'GPC1.p.s', maskedName: '王*', issuedAt: '2026-12-04T08:00:00.000Z', expiresAt: '2027-01-04T08:00:00.000Z', revokedAt: null };
    fakeServer.on('POST', HEALTH.printed, fakeServer.json(201, { printed }));

    const res = await codeApi.call('issuePrintedCode', { body: { personId: 'p-2' } });

    expect(res.printed.maskedName).toBe('王*');
    expect(fakeServer.requests[0].data).toEqual({ personId: 'p-2' });
  });

  it('refuses an answer that does not match the contract', async () => {
    fakeServer.on('GET', HEALTH.code, fakeServer.json(200, { ...healthCode(), colour: 'purple' }));

    await expect(healthApi.call('healthCode')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});
