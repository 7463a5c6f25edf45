import { startTestApp, type TestApp } from '../support/test-app';
import type { TestResponse } from '../support/http-request';
import { AT_HALL, citizen, DEMO_HALL_ID, idemKey, newPerson, seedDemoHall, written } from './support';

/*
 * Taking a ticket and calling next are declared once (queue/ticket-routes.ts) and run by the app's
 * fast lane as well as by Koa's router: the lane must give the same answers, the same refusals
 * (token, Idempotency-Key, path and body validation, the hall-staff role guard) and replay a take
 * by its key, as Koa does. Koa answers a twin request that carries an Origin (the lane leaves every
 * such request to Koa); the access log line says which one ran it. Call-next is sent as the
 * mini-program sends it (JSON content type, an empty object): the lane takes only JSON bodies.
 */
const A = 'svc-id-card';
const TAKE = `/api/v1/halls/${DEMO_HALL_ID}/tickets`;
const ELSEWHERE = 'https://elsewhere.example';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp('real');
  await seedDemoHall(t.app);
}, 60_000);
afterAll(() => t?.close());

let n = 0;
function accessLine(requestId: string): Record<string, unknown> {
  const line = t.logs().split('\n').find((l) => l.includes('"msg":"request"') && l.includes(`"requestId":"${requestId}"`));
  return JSON.parse(line ?? '{}') as Record<string, unknown>;
}

/** The same request through the lane and through Koa; both answers and both access lines. */
async function both(send: (headers: Record<string, string>) => Promise<TestResponse>): Promise<{ lane: TestResponse; koa: TestResponse }> {
  const [laneId, koaId] = [`hall-lane-${++n}`, `hall-koa-${++n}`];
  const lane = await send({ 'X-Request-Id': laneId });
  const koa = await send({ 'X-Request-Id': koaId, Origin: ELSEWHERE });
  expect(accessLine(laneId)).toMatchObject({ fast: true, status: lane.status });
  expect(accessLine(koaId)).not.toHaveProperty('fast');
  expect(accessLine(koaId)).toMatchObject({ status: koa.status });
  return { lane, koa };
}

const errorOf = (r: TestResponse) => {
  const { requestId: _, ...rest } = r.body.error;
  return [r.status, rest];
};

it('takes a ticket in the fast lane as Koa does: 201, a replay by key, and every refusal', async () => {
  const one = await citizen(t, 'lane-take-1', newPerson());
  const two = await citizen(t, 'lane-take-2', newPerson());
  const body = { mode: 'remote', serviceId: A, location: AT_HALL };
  const keys = [idemKey(), idemKey()];
  let i = 0;
  const taken = await both((h) => {
    const who = [one, two][i];
    return t.request('POST', TAKE, { token: who.token, headers: { 'idempotency-key': keys[i++], ...h }, body });
  });
  expect([taken.lane.status, taken.koa.status]).toEqual([201, 201]);
  expect(Object.keys(taken.lane.body.ticket).sort()).toEqual(Object.keys(taken.koa.body.ticket).sort());
  expect(taken.lane.body.ticket).toMatchObject({ state: 'waiting', ticketClass: 'normal', position: expect.any(Number) });

  // The same key again, through the lane: the same ticket, not a second one.
  const replay = await t.request('POST', TAKE, { token: one.token, headers: { 'idempotency-key': keys[0] }, body });
  expect([replay.status, replay.body.ticket.id]).toEqual([201, taken.lane.body.ticket.id]);

  const refusals: [string, (h: Record<string, string>) => Promise<TestResponse>, number, string][] = [
    ['no token', (h) => t.request('POST', TAKE, { headers: { 'idempotency-key': idemKey(), ...h }, body }), 401, 'UNAUTHENTICATED'],
    ['no Idempotency-Key', (h) => t.request('POST', TAKE, { token: one.token, headers: h, body }), 400, 'VALIDATION_FAILED'],
    ['invalid body', (h) => t.request('POST', TAKE, { token: one.token, headers: { 'idempotency-key': idemKey(), ...h }, body: { mode: 'remote', serviceId: 7 } }), 400, 'VALIDATION_FAILED'],
    ['unknown hall', (h) => t.request('POST', '/api/v1/halls/no-such-hall/tickets', { token: one.token, headers: { 'idempotency-key': idemKey(), ...h }, body }), 404, 'HALL_NOT_FOUND'],
    ['already queued', (h) => t.request('POST', TAKE, { token: one.token, headers: { 'idempotency-key': idemKey(), ...h }, body }), 409, 'ALREADY_QUEUED'],
  ];
  for (const [name, send, status, code] of refusals) {
    const { lane, koa } = await both(send);
    expect([name, lane.status, lane.body.error?.code]).toEqual([name, status, code]);
    expect([name, ...errorOf(lane)]).toEqual([name, ...errorOf(koa)]);
  }
  await written(t);
});

it('calls next in the fast lane as Koa does: the role guard, the window, the called ticket', async () => {
  const manager = await t.loginDev('hall-manager-1');
  const walker = await citizen(t, 'lane-call-citizen', newPerson());
  for (let k = 0; k < 2; k++) {
    const c = await citizen(t, `lane-call-${k}`, newPerson());
    expect((await t.request('POST', TAKE, { token: c.token, headers: { 'idempotency-key': idemKey() }, body: { mode: 'remote', serviceId: A, location: AT_HALL } })).status).toBe(201);
  }
  const called = await both((h) => t.request('POST', '/api/v1/windows/win-2/call-next', { token: manager.token, headers: h, body: {} }));
  expect([called.lane.status, called.koa.status]).toEqual([200, 200]);
  expect(called.lane.body.ticket).toMatchObject({ state: 'called', windowId: 'win-2' });
  expect(called.koa.body.ticket).toMatchObject({ state: 'called', windowId: 'win-2' });
  expect(called.lane.body.ticket.id).not.toBe(called.koa.body.ticket.id);
  expect(Object.keys(called.lane.body.ticket).sort()).toEqual(Object.keys(called.koa.body.ticket).sort());

  const refusals: [string, (h: Record<string, string>) => Promise<TestResponse>, number, string][] = [
    ['a citizen', (h) => t.request('POST', '/api/v1/windows/win-2/call-next', { token: walker.token, headers: h, body: {} }), 403, 'FORBIDDEN'],
    ['no token', (h) => t.request('POST', '/api/v1/windows/win-2/call-next', { headers: h, body: {} }), 401, 'UNAUTHENTICATED'],
    ['unknown window', (h) => t.request('POST', '/api/v1/windows/no-such-window/call-next', { token: manager.token, headers: h, body: {} }), 404, 'WINDOW_NOT_FOUND'],
  ];
  for (const [name, send, status, code] of refusals) {
    const { lane, koa } = await both(send);
    expect([name, lane.status, lane.body.error?.code]).toEqual([name, status, code]);
    expect([name, ...errorOf(lane)]).toEqual([name, ...errorOf(koa)]);
  }
  // The lane's call is audited with its request id, as Koa's (the consumer writes the rows).
  await written(t);
  const audit = await t.app.services.audit.forTarget('hall_ticket', called.lane.body.ticket.id);
  expect(audit.find((r) => r.action === 'hall.ticket.call')).toMatchObject({ requestId: expect.stringMatching(/^hall-lane-/) });
});
