import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig, deepMerge, type AppConfig } from '@govpass/config';
import { buildApp, type GovpassApp } from '../../bff/src/app';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from './test-services';

export interface TestApp {
  app: GovpassApp;
  baseUrl: string;
  /** Every log line the app wrote, for privacy assertions. */
  logs(): string;
  request(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string }): Promise<TestResponse>;
  loginDev(name: string): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

export type StorageMode = 'real' | 'embedded';

/**
 * Builds the real app through its composition root and serves it on an ephemeral port.
 * 'real' = a scratch MariaDB database + the real Redis with a unique key prefix.
 */
export async function startTestApp(mode: StorageMode = 'real', overrides: Record<string, unknown> = {}): Promise<TestApp> {
  let scratch: ScratchDatabase | null = null;
  let storage: Record<string, unknown> = { sqlitePath: ':memory:', redisUrl: null, mysqlUrl: null };
  if (mode === 'real') {
    scratch = await createScratchDatabase();
    storage = { mysqlUrl: scratch.url, redisUrl: REDIS_URL, redisKeyPrefix: uniquePrefix('api') };
  }
  const config: AppConfig = loadConfig({ env: { NODE_ENV: 'test' }, overrides: deepMerge({ storage }, overrides) });
  let logText = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  config.log.level = 'info';
  const app = await buildApp(config, { logDestination: sink });
  const server: Server = createServer(app.koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    } else if (opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON (metrics, static files) */
    }
    return { status: res.status, headers: res.headers, body };
  };

  return {
    app,
    baseUrl,
    logs: () => logText,
    request,
    async loginDev(name) {
      const res = await request('POST', '/api/v1/auth/login', { body: { channel: 'h5', code: `dev:${name}` } });
      if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { token: res.body.token, userId: res.body.user.id };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await scratch?.drop();
    },
  };
}
