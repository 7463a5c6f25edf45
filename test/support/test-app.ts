import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig, deepMerge, type AppConfig } from '@govpass/config';
import { buildApp, type GovpassApp } from '../../bff/src/app';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from './test-services';
import { loginDev, requesterFor, type Caller, type Requester, type TestResponse } from './http-request';

export type { TestResponse };

export interface TestApp {
  app: GovpassApp;
  baseUrl: string;
  /** Every log line the app wrote, for privacy assertions. */
  logs(): string;
  request: Requester;
  loginDev(name: string): Promise<Caller>;
  close(): Promise<void>;
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
  const server: Server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request = requesterFor(baseUrl);

  return {
    app,
    baseUrl,
    logs: () => logText,
    request,
    loginDev: (name) => loginDev(request, name),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await scratch?.drop();
    },
  };
}
