import { newPerson, startHealthTestApp, DAY, HOUR, type Caller, type HealthTestApp, type Person } from './health-test-app';

let t: HealthTestApp;
let official: Caller;
beforeAll(async () => {
  t = await startHealthTestApp('2026-12-04T02:00:00Z');
  official = await t.official('official-1');
});
afterAll(() => t.close());

async function closeContact(person: Person, date: string): Promise<void> {
  const res = await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'close_contact', csv: `idNumber,date,releasedOn\n${person.idNumber},${date},\n` } });
  expect(res.status).toBe(200);
}

async function code(c: Caller) {
  return (await t.request('GET', '/api/v1/health/code', { token: c.token })).body;
}

describe('appeals end to end (MariaDB + Redis)', () => {
  it('citizen files → flagged overdue after 24 h → official overrides → colour changes until the day, then the rules again', async () => {
    const person = newPerson('蒋十二');
    const citizen = await t.citizen('ap-1', person);
    await closeContact(person, '2026-12-02');
    expect(await code(citizen)).toMatchObject({ colour: 'red', greenFrom: '2026-12-16' });

    const filed = await t.request('POST', '/api/v1/health/appeals', { token: citizen.token, body: { reason: '我那天不在现场，有行程记录为证' } });
    expect(filed.status).toBe(201);
    expect(filed.body.appeal).toMatchObject({ personId: citizen.personId, maskedName: '蒋**', colourAtFiling: 'red', status: 'open', overdue: false, decidedAt: null });
    const again = await t.request('POST', '/api/v1/health/appeals', { token: citizen.token, body: { reason: '再次申诉，请尽快处理' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('APPEAL_ALREADY_OPEN');

    const queue = await t.request('GET', '/api/v1/admin/health/appeals', { token: official.token });
    expect(queue.body.items).toEqual([expect.objectContaining({ id: filed.body.appeal.id, overdue: false })]);
    t.clock.advance(25 * HOUR); // now 2026-12-05 11:00 China time
    const later = await t.request('GET', '/api/v1/admin/health/appeals?status=open', { token: official.token });
    expect(later.body.items).toEqual([expect.objectContaining({ id: filed.body.appeal.id, overdue: true })]);

    const decision = await t.request('POST', `/api/v1/admin/health/appeals/${filed.body.appeal.id}/decision`, {
      token: official.token,
      body: { outcome: 'overridden', note: '核实行程后不属于密接，临时赋绿码', colour: 'green', until: '2026-12-07' },
    });
    expect(decision.status).toBe(200);
    expect(decision.body.appeal).toMatchObject({ status: 'overridden', overrideColour: 'green', overrideUntil: '2026-12-07', decisionNote: '核实行程后不属于密接，临时赋绿码', overdue: false, decidedAt: expect.any(String) });

    expect(await code(citizen)).toMatchObject({ colour: 'green', greenFrom: null, reasons: [{ rule: 'appeal_override', until: '2026-12-08' }] });
    expect(t.notices.at(-1)).toEqual(expect.objectContaining({ personId: citizen.personId, from: 'red', to: 'green', cause: 'appeal' }));
    const mine = await t.request('GET', '/api/v1/health/appeals', { token: citizen.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: filed.body.appeal.id, status: 'overridden', overrideColour: 'green', overrideUntil: '2026-12-07' })]);
    expect((await t.request('GET', '/api/v1/admin/health/appeals', { token: official.token })).body.items).toEqual([]);

    const twice = await t.request('POST', `/api/v1/admin/health/appeals/${filed.body.appeal.id}/decision`, { token: official.token, body: { outcome: 'upheld', note: '维持原来的判定结果' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('APPEAL_ALREADY_DECIDED');

    const appealAudit = await t.app.services.audit.forTarget('health_appeal', filed.body.appeal.id);
    expect(appealAudit.map((a) => [a.action, a.actor])).toEqual([
      ['health.appeal_file', citizen.userId],
      ['health.appeal_decide', official.userId],
    ]);
    expect(appealAudit[1].details).toEqual({ personId: citizen.personId, outcome: 'overridden', colour: 'green', until: '2026-12-07' });
    const personAudit = await t.app.services.audit.forTarget('person', citizen.personId);
    expect(personAudit.map((a) => [a.actor, (a.details as { cause: string }).cause])).toEqual([
      [official.userId, 'import:close_contact'],
      [official.userId, 'appeal'],
    ]);

    // The override ends after 2026-12-07; the close contact still runs to 2026-12-16.
    t.clock.advance(3 * DAY); // 2026-12-08
    expect(await code(citizen)).toMatchObject({ colour: 'red', greenFrom: '2026-12-16', reasons: [{ rule: 'close_contact' }] });
    const history = (await t.request('GET', '/api/v1/health/history', { token: citizen.token })).body.items.map((i: { cause: string; to: string }) => `${i.cause}:${i.to}`);
    expect(history).toEqual(['expiry:red', 'appeal:green', 'import:close_contact:red']);
  });

  it('an upheld appeal keeps the colour and shows the note; bad decisions are refused', async () => {
    const person = newPerson('沈十三');
    const citizen = await t.citizen('ap-2', person);
    await closeContact(person, '2026-12-07');
    const filed = (await t.request('POST', '/api/v1/health/appeals', { token: citizen.token, body: { reason: '我没有接触过任何病例' } })).body.appeal;
    const path = `/api/v1/admin/health/appeals/${filed.id}/decision`;
    const past = await t.request('POST', path, { token: official.token, body: { outcome: 'overridden', note: '临时调整为黄码', colour: 'yellow', until: '2026-12-01' } });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([{ path: 'until', message: '结束日期不能早于今天' }]);
    const upheld = await t.request('POST', path, { token: official.token, body: { outcome: 'upheld', note: '经流调核实，维持红码' } });
    expect(upheld.body.appeal).toMatchObject({ status: 'upheld', decisionNote: '经流调核实，维持红码', overrideColour: null });
    expect((await code(citizen)).colour).toBe('red');
    const missing = await t.request('POST', '/api/v1/admin/health/appeals/no-such/decision', { token: official.token, body: { outcome: 'upheld', note: '维持原来的判定' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('APPEAL_NOT_FOUND');
  });
});
