import { healthStatusKey } from '../../bff/src/infra/hot-store/keys';
import { newPerson, startHealthTestApp, HOUR, type Caller, type HealthTestApp } from './health-test-app';

let t: HealthTestApp;
let official: Caller;
beforeAll(async () => {
  t = await startHealthTestApp('2026-12-04T02:00:00Z'); // 10:00 in China, 2026-12-04
  official = await t.official('official-1');
});
afterAll(() => t.close());

const LIST_HEADER = 'idNumber,date,releasedOn';

async function code(caller: Caller, personId?: string) {
  return t.request('GET', `/api/v1/health/code${personId ? `?personId=${personId}` : ''}`, { token: caller.token });
}

describe('health imports (MariaDB + Redis)', () => {
  it('a CSV with one bad row changes nothing and names the line', async () => {
    const a = await t.citizen('imp-a', newPerson('赵一'));
    const stranger = newPerson('钱二');
    const bad = `${newPerson().idNumber.slice(0, 17)}Y`;
    const csv = `${LIST_HEADER}\n${stranger.idNumber},2026-12-01,\n${bad},2026-12-01,\n`;
    const res = await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'close_contact', csv } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.details).toEqual([{ line: 3, message: expect.stringMatching(/身份证号码有误/) }]);
    expect(await t.app.database.db.selectFrom('health_list_entries').selectAll().execute()).toEqual([]);
    expect((await code(a)).body.colour).toBe('green');
  });

  it('a good close-contact list turns the named verified citizen red with reason and greenFrom; others stay green', async () => {
    const named = await t.citizen('imp-b', newPerson('孙三'));
    const other = await t.citizen('imp-c', newPerson('李四'));
    const before = await code(named);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ colour: 'green', greenFrom: null, code: 'GPC1.fake-green', person: { personId: named.personId, maskedName: '孙*' } });
    const namedId = (await t.app.database.db.selectFrom('persons').select('id_hash').where('id', '=', named.personId).executeTakeFirstOrThrow()).id_hash;
    expect(namedId).toHaveLength(64);

    const neverOpened = newPerson('周五');
    const csv = `${LIST_HEADER}\r\n${(await personIdNumber(named.personId))},2026-12-01,\r\n${neverOpened.idNumber},2026-11-30,\r\n`;
    const res = await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'close_contact', csv } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, changed: 1 });

    const after = await code(named);
    expect(after.body).toMatchObject({
      colour: 'red',
      code: 'GPC1.fake-red',
      greenFrom: '2026-12-15',
      reasons: [{ rule: 'close_contact', text: '您是密切接触者', greenCondition: '最后一次接触满14天后转绿', until: '2026-12-15' }],
    });
    expect(t.issued.at(-1)).toEqual({ personId: named.personId, colour: 'red' });
    expect((await code(other)).body.colour).toBe('green');
    expect(t.notices).toContainEqual(expect.objectContaining({ personId: named.personId, from: 'green', to: 'red', cause: 'import:close_contact' }));

    const history = await t.request('GET', '/api/v1/health/history', { token: named.token });
    expect(history.body.items).toEqual([{ at: expect.any(String), from: 'green', to: 'red', cause: 'import:close_contact' }]);
    const audit = await t.app.services.audit.forTarget('person', named.personId);
    expect(audit).toEqual([expect.objectContaining({ actor: official.userId, action: 'health.colour_change', details: { from: 'green', to: 'red', cause: 'import:close_contact' } })]);
    const importAudit = await t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'health.import_list').execute();
    expect(importAudit).toEqual([expect.objectContaining({ actor: official.userId, details: JSON.stringify({ list: 'close_contact', rows: 2 }) })]);
    // The file's ID numbers are never stored or logged in clear.
    const rows = await t.app.database.db.selectFrom('health_list_entries').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(neverOpened.idNumber);

    // Someone on the list who opens govpass later meets their row through the keyed hash.
    const late = await t.citizen('imp-late', neverOpened);
    expect((await code(late)).body).toMatchObject({ colour: 'red', greenFrom: '2026-12-14' });
  });

  it('symptoms turn yellow; a negative test sampled after the declaration turns it back green', async () => {
    const person = newPerson('吴六');
    const c = await t.citizen('imp-d', person);
    const decl = await t.request('POST', '/api/v1/health/declarations', { token: c.token, body: { symptoms: ['fever', 'cough'], travel: [] } });
    expect(decl.status).toBe(201);
    expect(decl.body).toMatchObject({ date: '2026-12-04', status: { colour: 'yellow', greenFrom: null, reasons: [{ rule: 'symptoms', until: null }] } });

    const before = `idNumber,result,sampledAt\n${person.idNumber},negative,2026-12-04T08:00:00+08:00\n`;
    const early = await t.request('POST', '/api/v1/admin/health/test-results', { token: official.token, body: { csv: before } });
    expect(early.body).toEqual({ imported: 1, changed: 0 });
    expect((await code(c)).body.colour).toBe('yellow');

    const after = `idNumber,result,sampledAt\n${person.idNumber},negative,2026-12-04T10:30:00+08:00\n`;
    const res = await t.request('POST', '/api/v1/admin/health/test-results', { token: official.token, body: { csv: after } });
    expect(res.body).toEqual({ imported: 1, changed: 1 });
    expect((await code(c)).body).toMatchObject({ colour: 'green', greenFrom: null });
    const history = (await t.request('GET', '/api/v1/health/history', { token: c.token })).body.items.map((i: { cause: string; to: string }) => `${i.cause}:${i.to}`);
    expect(history).toEqual(['test_result:green', 'declaration:yellow']);
  });

  it('the status survives a hot-store flush: read back from MySQL, recomputed only when absent there too', async () => {
    const c = await t.citizen('imp-e', newPerson('郑七'));
    await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'secondary_contact', csv: `${LIST_HEADER}\n${await personIdNumber(c.personId)},2026-12-02,\n` } });
    expect((await code(c)).body.colour).toBe('yellow');
    expect(await t.app.hotStore.get(healthStatusKey(c.personId))).toContain('"yellow"');

    // Mark the durable row so that an answer from MySQL (not a recomputation) is recognisable.
    await t.app.database.db.updateTable('health_status').set({ reasons: JSON.stringify([{ rule: 'secondary_contact', text: 'from-mysql', greenCondition: 'x', until: '2026-12-09' }]) }).where('person_id', '=', c.personId).execute();
    await t.flushHot(c.personId);
    expect(await t.app.hotStore.get(healthStatusKey(c.personId))).toBeNull();
    const fromMysql = await code(c);
    expect(fromMysql.body).toMatchObject({ colour: 'yellow', reasons: [{ text: 'from-mysql' }] });
    expect(await t.app.hotStore.get(healthStatusKey(c.personId))).toContain('from-mysql');

    // Lost everywhere: computed again from the inputs.
    await t.app.database.db.deleteFrom('health_status').where('person_id', '=', c.personId).execute();
    await t.flushHot(c.personId);
    expect((await code(c)).body).toMatchObject({ colour: 'yellow', greenFrom: '2026-12-09', reasons: [{ rule: 'secondary_contact', text: '您是密切接触者的密切接触者' }] });
  });

  it('dates roll: a status whose greenFrom has passed is recomputed when read', async () => {
    const c = await t.citizen('imp-f', newPerson('冯八'));
    await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'secondary_contact', csv: `${LIST_HEADER}\n${await personIdNumber(c.personId)},2026-11-29,\n` } });
    expect((await code(c)).body).toMatchObject({ colour: 'yellow', greenFrom: '2026-12-06' });
    t.clock.advance(38 * HOUR); // 2026-12-06 00:00 China time
    expect((await code(c)).body).toMatchObject({ colour: 'green', greenFrom: null });
    const history = (await t.request('GET', '/api/v1/health/history', { token: c.token })).body.items;
    expect(history[0]).toMatchObject({ from: 'yellow', to: 'green', cause: 'expiry' });
    expect((await t.app.services.audit.forTarget('person', c.personId)).at(-1)).toMatchObject({ actor: 'system', action: 'health.colour_change' });
  });

  it('a family member may be asked for; anyone else is 404 NOT_FOUND, as for every service', async () => {
    const a = await t.citizen('imp-g', newPerson('陈九'));
    const b = await t.citizen('imp-h', newPerson('褚十'));
    const res = await code(a, b.personId);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const unverified = await t.request('GET', '/api/v1/health/code', { token: (await t.loginDev('nobody')).token });
    expect(unverified.status).toBe(403);
    expect(unverified.body.error.code).toBe('IDENTITY_REQUIRED');
  });

  it('officials only: a citizen gets 403 FORBIDDEN on every official route', async () => {
    const c = await t.citizen('imp-i', newPerson('卫十一'));
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/health/appeals'],
      ['POST', '/api/v1/admin/health/appeals/abc/decision', { outcome: 'upheld', note: '经核实维持原判' }],
      ['POST', '/api/v1/admin/health/lists', { list: 'confirmed', csv: LIST_HEADER }],
      ['POST', '/api/v1/admin/health/test-results', { csv: 'x' }],
      ['PUT', '/api/v1/admin/health/risk-areas', { areas: [] }],
      ['GET', '/api/v1/admin/health/jobs/abc'],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.request(method, path, { token: c.token, body });
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    expect((await t.request('GET', '/api/v1/admin/health/appeals')).status).toBe(401);
  });

  it('the health routes are in the OpenAPI document', async () => {
    const paths = Object.keys((await t.request('GET', '/api/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/health/code', '/api/v1/admin/health/appeals/{id}/decision', '/api/v1/admin/health/risk-areas', '/api/v1/health/risk-areas']));
  });
});

/** The clear ID number of a verified person (tests only: decrypts what the persons table holds). */
async function personIdNumber(personId: string): Promise<string> {
  const row = await t.app.database.db.selectFrom('persons').select('id_cipher').where('id', '=', personId).executeTakeFirstOrThrow();
  const { PiiCipher } = await import('../../bff/src/infra/crypto/pii-cipher');
  const { security } = t.app.config;
  return new PiiCipher(security.piiEncryptionKey, security.piiHashKey).decrypt(row.id_cipher);
}
