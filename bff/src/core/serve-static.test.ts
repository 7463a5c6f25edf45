import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { isAppError } from './app-error';
import { serveStatic } from './serve-static';

/** The H5 build served from a folder, with a route behind it to show what falls through. */
let server: Server;
let base: string;
let outside: string;

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'govpass-static-test-'));
  const root = join(outside, 'www');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>h5</title>');
  writeFileSync(join(root, 'assets', 'app.1a2b.js'), 'void 0;');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(outside, 'secret.txt'), 'outside');
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      ctx.status = (err as { status?: number }).status ?? 500;
      ctx.body = { error: isAppError(err) ? err.code : 'other' };
    }
  });
  app.use(serveStatic(root));
  app.use((ctx) => {
    ctx.body = { fellThrough: ctx.path };
  });
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(outside, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves index.html at / uncached and hashed assets for a year', async () => {
    const index = await fetch(`${base}/`);
    expect([index.status, index.headers.get('content-type'), index.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    expect(await index.text()).toContain('<title>h5</title>');
    const asset = await fetch(`${base}/assets/app.1a2b.js`, { method: 'HEAD' });
    expect([asset.status, asset.headers.get('cache-control'), asset.headers.get('content-length')]).toEqual([200, 'public, max-age=31536000, immutable', '7']);
  });

  it('leaves /api, other methods, missing files, dotfiles and paths outside the root to the next middleware', async () => {
    for (const path of ['/api/v1/x', '/missing.js', '/.env', '/../secret.txt', '/%2e%2e/secret.txt']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status, await res.json()]).toEqual([path, 200, { fellThrough: expect.any(String) }]);
    }
    expect(await (await fetch(`${base}/`, { method: 'POST' })).json()).toEqual({ fellThrough: '/' });
  });

  it('answers a damaged percent-escape or a NUL with 400 VALIDATION_FAILED', async () => {
    for (const path of ['/%ff', '/%E4%B8', '/a%00.js']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status, await res.json()]).toEqual([path, 400, { error: 'VALIDATION_FAILED' }]);
    }
  });
});
