import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { ErrorResponse, withCheckChar } from '@govpass/shared-types';
import { startTestApp, type StorageMode, type TestApp } from '../support/test-app';

/**
 * Every operation of the app's own OpenAPI document (read at test time, so new operations are
 * covered as they are added) against malformed JSON, wrong types, huge, deep and odd bodies, lying
 * encodings, odd unicode, odd path parameters and query strings, anonymous and as a caller holding
 * every role: never a 5xx, every error in the one shape with a documented code, and the hostile
 * inputs (that no route may accept) answered 4xx with no row written anywhere.
 */
interface Operation {
  method: string;
  path: string;
  bodySchema?: JsonSchema;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
}
interface Probe {
  op: Operation;
  variant: string;
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  anonymous?: boolean;
}
interface Failure {
  probe: string;
  status: number;
  body: string;
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Hostile bodies no route may accept: 4xx, nothing stored. */
const HOSTILE_BODIES: [string, string | Uint8Array, Record<string, string>?][] = [
  ['truncated', '{"a":'],
  ['trailing comma', '{"a":1,}'],
  ['single quotes', "{'a':1}"],
  ['bare word', 'nul'],
  ['scalar', '42'],
  ['string', '"text"'],
  ['null', 'null'],
  ['NUL byte', '\u0000'],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])],
  ['__proto__', '{"__proto__":{"admin":true}}'],
  ['deep array 16000', deepArray(16_000)],
  ['deep object 5000', deepObject(5_000)],
  ['deep inside a field', `{"name":${deepArray(5_000)}}`],
  ['over the limit', JSON.stringify({ pad: 'x'.repeat(40 * 1024) })],
  ['gzip that is not', '{"a":1}', { 'content-encoding': 'gzip' }],
  ['br that is not', '{"a":1}', { 'content-encoding': 'br' }],
  ['deflate that is not', '{"a":1}', { 'content-encoding': 'deflate' }],
  ['unknown encoding', '{"a":1}', { 'content-encoding': 'zz' }],
  ['two encodings', gzipSync('{"a":1}'), { 'content-encoding': 'gzip, br' }],
  ['gzip bomb over the limit', gzipSync(JSON.stringify({ pad: 'x'.repeat(2_000_000) })), { 'content-encoding': 'gzip' }],
  ['gzip of a deep body', gzipSync(deepObject(1_000)), { 'content-encoding': 'gzip' }],
  ['unknown charset', '{"a":1}', { 'content-type': 'application/vnd.api+json; charset=klingon' }],
];

/** Odd values put into each field of a plausible body in turn: anything but a 5xx. */
const ODD_VALUES: [string, unknown][] = [
  ['number', 12345],
  ['negative float', -1.5e308],
  ['boolean', true],
  ['null', null],
  ['array', ['a', 1]],
  ['object', { a: { b: 1 } }],
  ['long string', '长'.repeat(20_000)],
  ['NUL', 'a\u0000b'],
  ['C0 controls', '\u0001\u001b[31m\u007f'],
  ['lone surrogate', 'a\ud800b'],
  ['RTL override and zero width', '\u202eabc\u200b\ufeff'],
  ['emoji', '😷👨‍👩‍👧'],
  ['noncharacter', '\uffff\ufffe'],
  ['SQL', "' OR 1=1; DROP TABLE accounts; --"],
  ['nested within the limit', JSON.parse(deepArray(20))],
];

const ODD_PATH_VALUES = ['%00', '%E0%A4%A', '%ZZ', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(3000), '%F0%9F%98%B7', "1'%20OR%20'1'='1", '%0D%0ASet-Cookie:%20x=1', '%C0%AE%C0%AE', '%EF%BF%BF', 'ph-001'];
const ODD_QUERIES = ['?limit=-1&lat=abc&lng=NaN', '?district=%00', '?district=a&district=b', '?limit=1e400', '?date=2026-02-30', '?%E0%A4%A=%ZZ', `?cursor=${'a'.repeat(5000)}`, '?pharmacyId=..%2F', '?status=%F0%9F%98%B7', '?personId[]=1'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16'];

function operationsOf(doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, bodySchema: op.requestBody?.content['application/json']?.schema })),
  );
}

function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return {};
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s)]));
  if (schema.type === 'array') return [sample(schema.items)];
  if (schema.type === 'number' || schema.type === 'integer') return 1;
  if (schema.type === 'boolean') return true;
  return 'ph-001';
}

function withPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

function probesFor(op: Operation): { hostile: Probe[]; odd: Probe[] } {
  const path = withPath(op.path, 'ph-001');
  const hostile: Probe[] = [];
  const odd: Probe[] = [];
  for (const value of ODD_PATH_VALUES.filter(() => op.path.includes('{'))) odd.push({ op, variant: `path ${value.slice(0, 20)}`, path: withPath(op.path, value) });
  if (op.method === 'GET') for (const q of ODD_QUERIES) odd.push({ op, variant: `query ${q.slice(0, 30)}`, path: path + q });
  odd.push({ op, variant: 'odd token', path, headers: { authorization: `Bearer ${'x'.repeat(8000)}` }, anonymous: true });
  if (op.method === 'GET' || op.method === 'DELETE') return { hostile, odd };
  for (const [variant, body, headers] of HOSTILE_BODIES) {
    hostile.push({ op, variant, path, body, headers });
    hostile.push({ op, variant: `${variant} (anonymous)`, path, body, headers, anonymous: true });
  }
  const plausible = sample(op.bodySchema) as Record<string, unknown>;
  for (const field of Object.keys(plausible)) {
    for (const [name, value] of ODD_VALUES) odd.push({ op, variant: `${field}=${name}`, path, body: JSON.stringify({ ...plausible, [field]: value }) });
  }
  for (const body of ['{}', '[]', '[{}]', JSON.stringify(plausible)]) odd.push({ op, variant: `body ${body.slice(0, 20)}`, path, body });
  for (const type of CONTENT_TYPES) odd.push({ op, variant: `content-type ${type}`, path, body: JSON.stringify(plausible), headers: { 'content-type': type } });
  return { hostile, odd };
}

let t: TestApp;
let token: string;

/** A failure when the answer is a 5xx, an error outside the one shape, or (hostile) not a 4xx. */
async function run(probe: Probe, hostile: boolean): Promise<Failure | null> {
  const headers: Record<string, string> = { 'idempotency-key': randomBytes(12).toString('hex') };
  if (probe.body !== undefined) headers['content-type'] = 'application/json';
  if (!probe.anonymous) headers.authorization = `Bearer ${token}`;
  Object.assign(headers, probe.headers);
  const res = await fetch(t.baseUrl + probe.path, { method: probe.op.method, headers, body: probe.body as BodyInit | undefined });
  const text = await res.text();
  const label = `${probe.op.method} ${probe.op.path} [${probe.variant}]`;
  if (res.status >= 500 || (hostile && res.status < 400)) return { probe: label, status: res.status, body: text.slice(0, 300) };
  if (res.status >= 400) {
    let shape: boolean;
    try {
      shape = ErrorResponse.safeParse(JSON.parse(text)).success;
    } catch {
      shape = false;
    }
    if (!shape) return { probe: label, status: res.status, body: text.slice(0, 300) };
  }
  return null;
}

/** Runs the probes a few at a time; returns what broke the rules. */
async function runAll(probes: Probe[], hostile: boolean): Promise<Failure[]> {
  const failures: Failure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++];
      const failure = await run(probe, hostile).catch((err: Error) => ({ probe: `${probe.op.method} ${probe.op.path} [${probe.variant}]`, status: 0, body: err.message }));
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return failures;
}

async function rowCounts(): Promise<Record<string, number>> {
  const db = t.app.database.db;
  const tables = await db.introspection.getTables();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    counts[table.name] = Number(rows.rows[0].n);
  }
  return counts;
}

async function operations(): Promise<Operation[]> {
  const doc = (await t.request('GET', '/api/openapi.json')).body;
  const ops = operationsOf(doc);
  expect(ops.length).toBeGreaterThan(20);
  return ops;
}

// Both stores: the embedded SQLite one truncated a NUL where MariaDB kept it.
describe.each<StorageMode>(['real', 'embedded'])('every operation on the %s stores', (mode) => {
  beforeAll(async () => {
    t = await startTestApp(mode);
    const caller = await t.loginDev('fuzz-operator');
    const person = { name: '吴十', idNumber: withCheckChar('11010519491231002') };
    await t.app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
    expect((await t.request('POST', '/api/v1/identity', { token: caller.token, body: person })).status).toBe(200);
    for (const [role, scopeId] of [['admin', null], ['pharmacist', 'ph-001']] as const) {
      await t.app.services.roles.grant('test', { accountId: caller.userId, role, scopeId }, null);
    }
    token = caller.token;
  }, 30_000);
  afterAll(() => t.close());

  it('answers hostile bodies on every operation with a 4xx in the one error shape, and writes nothing', async () => {
    const probes = (await operations()).flatMap((op) => probesFor(op).hostile);
    const before = await rowCounts();
    expect(await runAll(probes, true)).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    expect(t.logs()).not.toContain('request failed');
  }, 120_000);

  it('answers wrong types, odd unicode, odd paths and queries on every operation without a 5xx', async () => {
    const probes = (await operations()).flatMap((op) => probesFor(op).odd);
    expect(probes.length).toBeGreaterThan(500);
    expect(await runAll(probes, false)).toEqual([]);
    expect(t.logs()).not.toContain('request failed');
  }, 180_000);
});
