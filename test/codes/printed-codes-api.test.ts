import { base64UrlEncode, parseCode } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';
import type { Caller } from '../support/http-request';
import { citizen, newPerson, operator } from './support';

let t: TestApp;
let verifier: Caller;
let admin: Caller;
let holder: Caller & { personId: string };
let outsider: Caller & { personId: string };
let grandma: { personId: string; idNumber: string };

beforeAll(async () => {
  t = await startTestApp('real');
  verifier = await operator(t, 'door-2', 'verifier');
  admin = await operator(t, 'boss-2', 'admin');
  holder = await citizen(t, 'printed-holder', newPerson('孙丽'));
  outsider = await citizen(t, 'printed-outsider', newPerson('周强'));
  const member = newPerson('孙秀兰');
  await t.app.services.registry.loadCsv(`${member.name},${member.idNumber}\n`);
  const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...member, relation: 'grandparent' } });
  expect(added.status).toBe(201);
  grandma = { personId: added.body.member.personId, idNumber: member.idNumber };
});
afterAll(() => t.close());

const issue = (caller: Caller, body: unknown) => t.request('POST', '/api/v1/codes/printed', { token: caller.token, body });
const verify = (code: string) => t.request('POST', '/api/v1/codes/verify', { token: verifier.token, body: { code } });

describe('printed cards (离线码) (MariaDB + Redis)', () => {
  it('issues a card for a family member that verifies as printed, with no colour in it', async () => {
    const res = await issue(holder, { personId: grandma.personId });
    expect(res.status).toBe(201);
    const card = res.body.printed;
    expect(card).toEqual({ id: expect.any(String), code: expect.stringMatching(/^GPC1\./), maskedName: '孙**', issuedAt: expect.any(String), expiresAt: expect.any(String), revokedAt: null });
    expect(Date.parse(card.expiresAt) - Date.parse(card.issuedAt)).toBe(14 * 86_400_000);
    const payload = parseCode(card.code).payload;
    expect([payload.kind, payload.colour]).toEqual(['printed', null]);
    const verified = await verify(card.code);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ kind: 'printed', codeColour: null, colour: 'green', person: { maskedName: '孙**' }, issuedAt: card.issuedAt, expiresAt: card.expiresAt });
    // Its own ref: a card never shows the person's live-code ref.
    const live = parseCode((await t.app.services.personalCode.issueLive(grandma.personId, 'green')).code).payload.ref;
    expect(Buffer.from(payload.ref)).not.toEqual(Buffer.from(live));
  });

  it('issues for oneself when no person is named, and refuses persons outside the family', async () => {
    expect((await issue(holder, {})).body.printed.maskedName).toBe('孙*');
    const res = await issue(holder, { personId: outsider.personId });
    // Identity's one rule for every service: a person outside the family does not exist for the caller.
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const unverified = await t.loginDev('printed-unverified');
    expect((await issue(unverified, {})).body.error.code).toBe('IDENTITY_REQUIRED');
  });

  it('lists the cards of a person, newest first, each with the same code it was issued with', async () => {
    const first = (await issue(holder, { personId: grandma.personId })).body.printed;
    const res = await t.request('GET', `/api/v1/codes/printed?personId=${grandma.personId}`, { token: holder.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    expect(res.body.items).toContainEqual(first);
    const times = res.body.items.map((c: { issuedAt: string }) => Date.parse(c.issuedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await t.request('GET', `/api/v1/codes/printed?personId=${grandma.personId}`, { token: outsider.token })).status).toBe(404);
  });

  it('revokes a card: verify answers REVOKED, the public revocation list has its ref, the live code still works', async () => {
    const card = (await issue(holder, { personId: grandma.personId })).body.printed;
    expect((await verify(card.code)).status).toBe(200);
    // Someone else's card is not theirs to revoke (and they do not learn it exists).
    const foreign = await t.request('DELETE', `/api/v1/codes/printed/${card.id}`, { token: outsider.token });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'PRINTED_CODE_NOT_FOUND']);
    const del = await t.request('DELETE', `/api/v1/codes/printed/${card.id}`, { token: holder.token });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: true });
    const after = await verify(card.code);
    expect([after.status, after.body.error.code]).toEqual([422, 'REVOKED']);

    const list = await t.request('GET', '/api/v1/codes/revocations');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('public, max-age=60');
    expect(list.body.revoked).toContainEqual({ ref: base64UrlEncode(parseCode(card.code).payload.ref), expiresAt: card.expiresAt });
    const row = await t.app.database.db.selectFrom('printed_codes').selectAll().where('id', '=', card.id).executeTakeFirstOrThrow();
    expect([row.revoked_by, typeof row.revoked_at]).toEqual([holder.userId, 'number']);
    const listed = await t.request('GET', `/api/v1/codes/printed?personId=${grandma.personId}`, { token: holder.token });
    expect(listed.body.items.find((c: { id: string }) => c.id === card.id).revokedAt).toEqual(expect.any(String));

    const live = await t.app.services.personalCode.issueLive(grandma.personId, 'green');
    expect((await verify(live.code)).status).toBe(200);
    expect((await t.request('DELETE', '/api/v1/codes/printed/no-such-card', { token: holder.token })).body.error.code).toBe('PRINTED_CODE_NOT_FOUND');
  });

  it('lets an administrator revoke any card, audited', async () => {
    const card = (await issue(outsider, {})).body.printed;
    const res = await t.request('DELETE', `/api/v1/codes/printed/${card.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(await t.app.services.audit.forTarget('person', outsider.personId)).toContainEqual(
      expect.objectContaining({ actor: admin.userId, action: 'code.printed.revoke', details: { printedCodeId: card.id, changed: true } }),
    );
    expect((await verify(card.code)).body.error.code).toBe('REVOKED');
  });

  it('lets an administrator print a card for anyone in the registry, audited without the ID number', async () => {
    const someone = newPerson('钱桂英');
    await t.app.services.registry.loadCsv(`${someone.name},${someone.idNumber}\n`);
    const res = await t.request('POST', '/api/v1/admin/codes/printed', { token: admin.token, body: someone });
    expect(res.status).toBe(201);
    expect(res.body.printed.maskedName).toBe('钱**');
    const personId = await t.app.services.masks.directory.findByIdNumber(someone.idNumber);
    const row = await t.app.database.db.selectFrom('printed_codes').selectAll().where('id', '=', res.body.printed.id).executeTakeFirstOrThrow();
    expect([row.person_id, row.issued_by]).toEqual([personId, `admin:${admin.userId}`]);
    const audit = await t.app.services.audit.forTarget('person', personId as string);
    expect(audit).toEqual([expect.objectContaining({ actor: admin.userId, action: 'code.printed.issue', requestId: res.headers.get('x-request-id'), details: { printedCodeId: res.body.printed.id, expiresAt: Date.parse(res.body.printed.expiresAt) } })]);
    expect(JSON.stringify(audit)).not.toContain(someone.idNumber);
    expect(t.logs()).not.toContain(someone.idNumber);
    expect((await verify(res.body.printed.code)).body.person.maskedName).toBe('钱**');

    const mismatch = await t.request('POST', '/api/v1/admin/codes/printed', { token: admin.token, body: { ...someone, name: '钱桂芳' } });
    expect([mismatch.status, mismatch.body.error.code]).toEqual([422, 'IDENTITY_MISMATCH']);
    const citizenTry = await t.request('POST', '/api/v1/admin/codes/printed', { token: holder.token, body: someone });
    expect([citizenTry.status, citizenTry.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('validates bodies, queries and ids: 400 VALIDATION_FAILED', async () => {
    const bad = [
      await issue(holder, { personId: 'not valid!' }),
      await t.request('GET', '/api/v1/codes/printed?personId=%20%21', { token: holder.token }),
      await t.request('DELETE', `/api/v1/codes/printed/${'x'.repeat(40)}`, { token: holder.token }),
      await t.request('POST', '/api/v1/admin/codes/printed', { token: admin.token, body: { idNumber: '123', name: '' } }),
    ];
    expect(bad.map((r) => [r.status, r.body.error.code])).toEqual(bad.map(() => [400, 'VALIDATION_FAILED']));
  });
});
