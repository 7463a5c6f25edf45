import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type AppConfig } from '@govpass/config';
import { withCheckChar, type HealthColour } from '@govpass/shared-types';
import { buildApp, type GovpassApp } from '../../bff/src/app';
import type { ColourChangedEvent } from '../../bff/src/domains/health/health-ports';
import { healthStatusKey } from '../../bff/src/infra/hot-store/keys';
import { REDIS_CLUSTER_TEST_NODES } from '../hot-store/redis-test-support';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../support/test-services';
import { loginDev, requesterFor, type Caller, type Requester } from '../support/http-request';

export type { Caller };

/** A controllable clock for the whole app (China-time days, the 24-hour appeal flag, date rolling). */
export class TestClock {
  constructor(private ms: number) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Person {
  name: string;
  idNumber: string;
}

let serial = 0;
/** A valid ID number, different on every call. */
export function newPerson(name = '王五'): Person {
  serial += 1;
  return { name, idNumber: withCheckChar(`4201021980${String((serial % 12) + 1).padStart(2, '0')}15${String(serial % 1000).padStart(3, '0')}`) };
}

export interface HealthTestApp {
  app: GovpassApp;
  clock: TestClock;
  request: Requester;
  /** Colour changes handed to the notifier, in order. */
  notices: ColourChangedEvent[];
  /** Persons the fake issuer signed a code for, with the colour. */
  issued: { personId: string; colour: HealthColour }[];
  loginDev(name: string): Promise<Caller>;
  citizen(login: string, person: Person): Promise<Caller & { personId: string }>;
  official(login: string): Promise<Caller>;
  /** Drops the person's hot-store entry and every process-local copy (a Redis flush for this person). */
  flushHot(personId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole app on a scratch MariaDB + the real Redis (unique prefix), or on the embedded SQLite +
 * in-process hot store ('embedded'), on a test clock, with a fake
 * personal-code issuer and a recording notifier (those domains are built elsewhere).
 */
export async function startHealthTestApp(startIso = '2026-12-04T02:00:00Z', mode: 'real' | 'embedded' | 'cluster' = 'real', wiring: 'fakes' | 'real' = 'fakes'): Promise<HealthTestApp> {
  const scratch: ScratchDatabase | null = mode === 'embedded' ? null : await createScratchDatabase();
  const redis = mode === 'cluster' ? { redisUrl: null, redisClusterNodes: REDIS_CLUSTER_TEST_NODES } : { redisUrl: REDIS_URL };
  const storage = scratch ? { mysqlUrl: scratch.url, ...redis, redisKeyPrefix: uniquePrefix('health') } : { mysqlUrl: null, redisUrl: null, sqlitePath: ':memory:' };
  const config: AppConfig = loadConfig({ env: { NODE_ENV: 'test' }, overrides: { storage } });
  const clock = new TestClock(Date.parse(startIso));
  const notices: ColourChangedEvent[] = [];
  const issued: { personId: string; colour: HealthColour }[] = [];
  const fakes = {
    personalCodeIssuer: {
      issueLive: async (personId: string, colour: HealthColour) => {
        issued.push({ personId, colour });
        const at = clock.now();
        return { code: `GPC1.fake-${colour}`, issuedAt: new Date(at).toISOString(), expiresAt: new Date(at + 60_000).toISOString() };
      },
    },
    colourChangeNotifier: { colourChanged: async (e: ColourChangedEvent) => void notices.push(e) },
  };
  // 'real': the personal-code domain signs and the notification outbox records, as in production.
  const app = await buildApp(config, { now: clock.now, ...(wiring === 'fakes' ? fakes : {}) });
  const server: Server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const request = requesterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  return {
    app,
    clock,
    request,
    notices,
    issued,
    loginDev: (name) => loginDev(request, name),
    async citizen(login, person) {
      await app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
      const caller = await loginDev(request, login);
      const res = await request('POST', '/api/v1/identity', { token: caller.token, body: person });
      if (res.status !== 200) throw new Error(`identity failed: ${res.status} ${JSON.stringify(res.body)}`);
      const personId = (await app.database.db.selectFrom('accounts').select('person_id').where('id', '=', caller.userId).executeTakeFirstOrThrow()).person_id as string;
      return { ...caller, personId };
    },
    async official(login) {
      const caller = await loginDev(request, login);
      await app.services.roles.grant('test', { accountId: caller.userId, role: 'health_official', scopeId: '340100' }, null);
      return caller;
    },
    async flushHot(personId) {
      await app.hotStore.del(healthStatusKey(personId));
      app.services.health.status.forgetLocal();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await scratch?.drop();
    },
  };
}
