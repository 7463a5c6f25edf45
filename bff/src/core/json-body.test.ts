import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { isAppError } from './app-error';
import { jsonBody, MAX_JSON_DEPTH, parseStrictJson } from './json-body';

/** The reader on real HTTP requests, with @koa/bodyparser as its fallback, answering as @koa/bodyparser does. */
let server: Server;
let port: number;
let used: string[] = [];

beforeAll(async () => {
  const app = new Koa();
  const fallback = bodyParser({ enableTypes: ['json'], jsonLimit: '1kb', encoding: 'utf-8' });
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = err as { status?: number; type?: string };
      ctx.status = e.status ?? 500;
      ctx.body = { error: isAppError(err) ? err.code : e.type ?? 'unknown' };
    }
  });
  app.use(jsonBody({ limitBytes: 1024, fallback: (ctx, next) => (used.push('fallback'), fallback(ctx, next)) }));
  app.use((ctx) => {
    ctx.body = { body: ctx.request.body ?? null };
  });
  server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  used = [];
});

function send(method: string, body: string | Buffer | null, headers: Record<string, string | number> = {}): Promise<{ status: number; body: { body?: unknown; error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: '/', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
const json = (body: string, extra: Record<string, string | number> = {}) => send('POST', body, { 'content-type': 'application/json', ...extra });

describe('jsonBody', () => {
  it('parses application/json (any case, with parameters, with a BOM) itself', async () => {
    expect(await json('{"pharmacyId":"ph-1"}')).toEqual({ status: 200, body: { body: { pharmacyId: 'ph-1' } } });
    expect((await send('PUT', '[1,2]', { 'content-type': 'Application/JSON; charset=utf-8' })).body.body).toEqual([1, 2]);
    expect((await json('\ufeff {"名":"张三"}')).body.body).toEqual({ 名: '张三' });
    expect((await json('')).body.body).toEqual({});
    expect(used).toEqual([]);
  });

  it('answers bad bodies like @koa/bodyparser: 400 for bad JSON, scalars and __proto__; 413 over the limit', async () => {
    expect(await json('{"a":')).toMatchObject({ status: 400 });
    expect(await json('"just a string"')).toMatchObject({ status: 400 });
    expect(await json('{"__proto__":{"admin":true}}')).toMatchObject({ status: 400 });
    expect(await json('{"a":[{"\\u005f_proto__":{}}]}')).toMatchObject({ status: 400 });
    expect(await send('POST', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { 'content-type': 'application/json' })).toMatchObject({ status: 400, body: { error: 'entity.parse.failed' } });
    expect(await json(JSON.stringify({ pad: 'x'.repeat(2000) }))).toMatchObject({ status: 413, body: { error: 'entity.too.large' } });
    // Chunked (no Content-Length): the limit holds while reading.
    expect(await json(JSON.stringify({ pad: 'x'.repeat(2000) }), { 'transfer-encoding': 'chunked' })).toMatchObject({ status: 413 });
    expect(used).toEqual([]);
  });

  it('leaves other JSON types, compressed bodies and other methods to the fallback (or alone)', async () => {
    expect((await send('POST', gzipSync('{"z":1}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).body.body).toEqual({ z: 1 });
    expect((await send('POST', '{"z":2}', { 'content-type': 'application/vnd.api+json' })).body.body).toEqual({ z: 2 });
    expect(used).toEqual(['fallback', 'fallback']);
    expect((await send('GET', null)).body.body).toBeNull();
  });

  it('refuses a body it would not read (not JSON, or not UTF-8) with 415 instead of dropping it', async () => {
    const refused = { status: 415, body: { error: 'UNSUPPORTED_MEDIA_TYPE' } };
    expect(await send('POST', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual(refused);
    expect(await send('POST', '{"a":1}', { 'content-type': 'application/vnd.api+json; charset=klingon' })).toEqual(refused);
    expect(await send('POST', '{"a":1}', { 'content-type': 'text/plain' })).toEqual(refused);
    expect(await send('POST', '{"a":1}', {})).toEqual(refused);
    expect((await send('POST', '', {})).status).toBe(200);
    expect(used).toEqual(['fallback']); // the empty body only
  });

  it('refuses bodies nested deeper than MAX_JSON_DEPTH on both readers, without a stack overflow', async () => {
    const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    expect((await json(deepArray(MAX_JSON_DEPTH))).status).toBe(200);
    expect(await json(deepArray(MAX_JSON_DEPTH + 1))).toEqual({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect(await json(deepObject(MAX_JSON_DEPTH + 1))).toEqual({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    const big = Buffer.from(deepArray(100_000));
    expect(() => parseStrictJson(big.toString())).toThrow(/nests deeper than 32/);
    expect(await send('POST', gzipSync(big), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toMatchObject({ status: 413 });
    expect(await send('POST', gzipSync(deepObject(100)), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toEqual({ status: 400, body: { error: 'VALIDATION_FAILED' } });
  });

  it('answers a body that is not what its Content-Encoding says 400, an unknown encoding 415', async () => {
    const headers = (encoding: string) => ({ 'content-type': 'application/json', 'content-encoding': encoding });
    expect(await send('POST', '{"z":1}', headers('gzip'))).toEqual({ status: 400, body: { error: 'MALFORMED_BODY' } });
    expect(await send('POST', '{"z":1}', headers('br'))).toEqual({ status: 400, body: { error: 'MALFORMED_BODY' } });
    expect(await send('POST', '{"z":1}', headers('deflate'))).toEqual({ status: 400, body: { error: 'MALFORMED_BODY' } });
    expect(await send('POST', gzipSync('{"z":1}').subarray(0, 8), headers('gzip'))).toEqual({ status: 400, body: { error: 'MALFORMED_BODY' } });
    expect(await send('POST', '{"z":1}', headers('zz'))).toEqual({ status: 415, body: { error: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await send('POST', '{"z":1}', headers('GZIP'))).toEqual({ status: 415, body: { error: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect((await send('POST', brotliCompressSync('{"z":2}'), headers('br'))).body.body).toEqual({ z: 2 });
  });

  it('parseStrictJson mirrors co-body strict mode', () => {
    expect(parseStrictJson(' \n{"a":1}')).toEqual({ a: 1 });
    expect(() => parseStrictJson('1')).toThrow(/object and array/);
    expect(() => parseStrictJson('{"constructor":{"prototype":{}}, "__proto__": 1}')).toThrow(/prototype/);
    expect(parseStrictJson('{"constructor":"fine"}')).toEqual({ constructor: 'fine' });
  });
});
