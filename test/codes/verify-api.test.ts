import { base64UrlEncode, parseCode } from '@govpass/shared-types';
import { signCode } from '../../bff/src/domains/personal-code/code-signer';
import { PersonRefs } from '../../bff/src/domains/personal-code/person-refs';
import { signingKeyFromSeed } from '../../bff/src/domains/personal-code/signing-key';
import { SqlCodeRefStore } from '../../bff/src/domains/personal-code/sql-code-ref-store';
import { codeRefOfPersonKey, personOfCodeRefKey } from '../../bff/src/infra/hot-store/keys';
import { startTestApp, type TestApp } from '../support/test-app';
import type { Caller } from '../support/http-request';
import { citizen, configuredKey, newPerson, operator } from './support';

let t: TestApp;
let verifier: Caller;
let plain: Caller & { personId: string };
const person = newPerson('李秀英');

beforeAll(async () => {
  t = await startTestApp('real');
  verifier = await operator(t, 'door-1', 'verifier');
  plain = await citizen(t, 'codes-citizen-1', person);
});
afterAll(() => t.close());

const verify = (caller: Caller | null, body: unknown) => t.request('POST', '/api/v1/codes/verify', { token: caller?.token, body });

describe('personal code keys and verification (MariaDB + Redis)', () => {
  it('publishes the configured key as a cacheable JWK set', async () => {
    const res = await t.request('GET', '/api/v1/codes/keys');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const key = configuredKey();
    expect(res.body).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(key.rawPublicKey), kid: key.kidText, validFrom: '2020-01-01T00:00:00.000Z', validUntil: null }] });
  });

  it('lets a verifier verify a live code: masked person, signed colour, colour now', async () => {
    const issued = await t.app.services.personalCode.issueLive(plain.personId, 'yellow');
    expect(issued.code).toHaveLength(120);
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(60_000);
    const res = await verify(verifier, { code: issued.code });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      valid: true,
      kind: 'live',
      person: { maskedName: '李**', maskedIdNumber: expect.stringMatching(/^3201\*+\w{4}$/) },
      colour: 'green',
      codeColour: 'yellow',
      reasons: [{ rule: 'otherwise', text: '未发现风险', greenCondition: null, until: null }],
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt,
    });
  });

  it('keeps one random ref per person: in MySQL (durable) and in the hot store, never the ID number', async () => {
    const a = parseCode((await t.app.services.personalCode.issueLive(plain.personId, 'green')).code).payload.ref;
    const b = parseCode((await t.app.services.personalCode.issueLive(plain.personId, 'red')).code).payload.ref;
    expect(Buffer.from(a)).toEqual(Buffer.from(b));
    const hex = Buffer.from(a).toString('hex');
    const row = await t.app.database.db.selectFrom('person_code_refs').selectAll().where('person_id', '=', plain.personId).executeTakeFirstOrThrow();
    expect(row.ref).toBe(hex);
    expect(await t.app.hotStore.get(personOfCodeRefKey(hex))).toBe(plain.personId);
    expect(await t.app.hotStore.get(codeRefOfPersonKey(plain.personId))).toBe(hex);
    expect(person.idNumber).not.toContain(hex);
  });

  it('finds the person of a ref that only MySQL still knows (a fresh process after the hot store lost it) and refills the hot store', async () => {
    const other = await citizen(t, 'codes-citizen-2', newPerson('赵敏'));
    const issued = await t.app.services.personalCode.issueLive(other.personId, 'red');
    const hex = Buffer.from(parseCode(issued.code).payload.ref).toString('hex');
    await t.app.hotStore.del(personOfCodeRefKey(hex));
    const freshProcess = new PersonRefs(new SqlCodeRefStore(t.app.database.db), t.app.hotStore, Date.now, (err) => { throw err; });
    expect(await freshProcess.personOf(hex)).toBe(other.personId);
    expect(await t.app.hotStore.get(personOfCodeRefKey(hex))).toBe(other.personId);
    expect(await freshProcess.personOf('00'.repeat(8))).toBeNull();
    const resolved = await t.app.services.personalCode.resolve(issued.code);
    expect(resolved).toEqual({ kind: 'live', personId: other.personId, colourInCode: 'red', issuedAt: Date.parse(issued.issuedAt), expiresAt: Date.parse(issued.expiresAt) });
  });

  it('accepts any verifying role (window staff of a hall)', async () => {
    const staff = await operator(t, 'window-1', 'window_staff', 'hall-1');
    const issued = await t.app.services.personalCode.issueLive(plain.personId, 'green');
    expect((await verify(staff, { code: issued.code })).status).toBe(200);
  });

  it('refuses a citizen with 403 FORBIDDEN and an anonymous caller with 401', async () => {
    const issued = await t.app.services.personalCode.issueLive(plain.personId, 'green');
    const res = await verify(plain, { code: issued.code });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await verify(null, { code: issued.code })).status).toBe(401);
  });

  it('answers 422 with the reason for altered, forged, expired and unknown-key codes', async () => {
    const issued = await t.app.services.personalCode.issueLive(plain.personId, 'red');
    const ref = parseCode(issued.code).payload.ref;
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string]> = [
      // One payload character changed (the colour's nibble and the key id share it).
      [issued.code.replace(/^GPC1\.AQ./, (m) => (m.endsWith('D') ? 'GPC1.AQB' : 'GPC1.AQD')), 'INVALID_CODE'],
      [signCode({ kind: 'live', colour: 'green', issuedAt: now, expiresAt: now + 60, ref }, { ...signingKeyFromSeed('ab'.repeat(32)), kid: configuredKey().kid }), 'INVALID_CODE'],
      [signCode({ kind: 'live', colour: 'green', issuedAt: now - 120, expiresAt: now - 60, ref }, configuredKey()), 'CODE_EXPIRED'],
      [signCode({ kind: 'live', colour: 'green', issuedAt: now, expiresAt: now + 60, ref }, signingKeyFromSeed('ab'.repeat(32))), 'UNKNOWN_KEY'],
      ['GPC1.not-a-code', 'INVALID_CODE'],
    ];
    for (const [code, error] of cases) {
      const res = await verify(verifier, { code });
      expect([code, res.status, res.body.error?.code]).toEqual([code, 422, error]);
    }
  });

  it('validates the body: 400 VALIDATION_FAILED', async () => {
    for (const body of [{}, { code: '' }, { code: 'x'.repeat(300) }, { code: 42 }]) {
      const res = await verify(verifier, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('look-up by ID number (无码通行)', () => {
  const lookup = (caller: Caller, idNumber: unknown) => t.request('POST', '/api/v1/codes/lookup-by-id-number', { token: caller.token, body: { idNumber } });

  it('answers a verifier with the masked person and colour, audited by person id only', async () => {
    const res = await lookup(verifier, person.idNumber);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ person: { maskedName: '李**', maskedIdNumber: expect.stringContaining('*') }, colour: 'green', reasons: [{ rule: 'otherwise', text: '未发现风险', greenCondition: null, until: null }], greenFrom: null });
    const audit = await t.app.services.audit.forTarget('person', plain.personId);
    expect(audit).toContainEqual(expect.objectContaining({ actor: verifier.userId, action: 'code.lookup-by-id-number', requestId: res.headers.get('x-request-id') }));
    const rows = await t.app.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(person.idNumber);
    expect(t.logs()).not.toContain(person.idNumber);
  });

  it('answers 404 PERSON_NOT_FOUND for an unknown number (audited), 403 to a citizen, 400 for a bad number', async () => {
    const stranger = newPerson();
    const missing = await lookup(verifier, stranger.idNumber);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('PERSON_NOT_FOUND');
    expect(await t.app.services.audit.forTarget('person', 'not-found')).toContainEqual(expect.objectContaining({ actor: verifier.userId, details: { found: false } }));
    expect((await lookup(plain, person.idNumber)).body.error.code).toBe('FORBIDDEN');
    const bad = await lookup(verifier, '12345');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
