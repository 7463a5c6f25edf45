import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type AppConfig } from '@govpass/config';
import { withCheckChar } from '@govpass/shared-types';
import { buildApp, type GovpassApp } from '../../bff/src/app';
import { OFFICE_HOURS, RecordedVisits, StaticHallSchedule } from '../../bff/src/domains/appointments/static-hall-schedule';
import { REDIS_CLUSTER_TEST_NODES } from '../hot-store/redis-test-support';
import { loginDev, requesterFor, type Caller, type Requester } from '../support/http-request';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../support/test-services';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const HALL = 'hall-1';
/** Two places per slot (the API tests); BIG: 20 places (the concurrency test). */
export const SERVICE = 'svc-id-card';
export const BIG_SERVICE = 'svc-household';
export const OTHER_SERVICE = 'svc-tax';

/** A controllable clock for the whole app. */
export class TestClock {
  constructor(private ms: number) {}
  readonly now = (): number => this.ms;
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

let serial = 0;
export function newPerson(name = '李四'): { name: string; idNumber: string } {
  serial += 1;
  return { name, idNumber: withCheckChar(`4401061975${String((serial % 12) + 1).padStart(2, '0')}2${String(serial % 10)}${String(serial % 1000).padStart(3, '0')}`.slice(0, 17)) };
}

export interface AppointmentTestApp {
  app: GovpassApp;
  clock: TestClock;
  visits: RecordedVisits;
  request: Requester;
  citizen(login: string, name?: string): Promise<Caller & { personId: string }>;
  staff(login: string, role: 'hall_manager' | 'window_staff', hallId?: string): Promise<Caller>;
  /** `dev:<name>` as is (the demo hall's dev:window-1, dev:hall-manager-1). */
  loginDevAs(name: string): Promise<Caller>;
  close(): Promise<void>;
}

export type Mode = 'real' | 'cluster' | 'embedded';

/**
 * The whole app (composition root) on a scratch MariaDB + the real Redis or the 3-master Cluster,
 * or on SQLite in process; a test clock (Monday 2026-12-07 09:00 China time by default), a hall
 * with office hours closed on 2026-12-10, and visits recorded by the test.
 */
export async function startAppointmentTestApp(mode: Mode = 'real', startIso = '2026-12-07T01:00:00Z', wiring: 'fakes' | 'hall' = 'fakes', storageOverride?: (s: Record<string, unknown>) => Record<string, unknown>): Promise<AppointmentTestApp> {
  const scratch: ScratchDatabase | null = mode === 'embedded' ? null : await createScratchDatabase();
  const redis = mode === 'cluster' ? { redisUrl: null, redisClusterNodes: REDIS_CLUSTER_TEST_NODES } : { redisUrl: REDIS_URL };
  const plain = scratch ? { mysqlUrl: scratch.url, ...redis, redisKeyPrefix: uniquePrefix('appt') } : { mysqlUrl: null, redisUrl: null, sqlitePath: ':memory:' };
  const storage = storageOverride ? storageOverride(plain) : plain;
  const config: AppConfig = loadConfig({ env: { NODE_ENV: 'test' }, overrides: { storage, appointments: { runWorkers: false } } });
  const clock = new TestClock(Date.parse(startIso));
  const visits = new RecordedVisits();
  const hallSchedule = new StaticHallSchedule([
    {
      id: HALL,
      name: '市民之家',
      hours: OFFICE_HOURS,
      closedDates: ['2026-12-10'],
      services: [
        { id: SERVICE, serviceName: '身份证办理', mode: 'allowed', slotMinutes: null, slotCapacity: 2 },
        { id: BIG_SERVICE, serviceName: '户籍办理', mode: 'required', slotMinutes: null, slotCapacity: 20 },
        { id: OTHER_SERVICE, serviceName: '税务登记', mode: 'off', slotMinutes: null, slotCapacity: null },
      ],
    },
  ]);
  // 'hall': the hall registry and queue as in production (seed the demo hall); 'fakes': the hall above.
  const app = await buildApp(config, wiring === 'fakes' ? { now: clock.now, hallSchedule, hallVisits: visits } : { now: clock.now });
  const server: Server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const request = requesterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    app,
    clock,
    visits,
    request,
    async citizen(login, name = '李四') {
      const person = newPerson(name);
      await app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
      const caller = await loginDev(request, login);
      const res = await request('POST', '/api/v1/identity', { token: caller.token, body: person });
      if (res.status !== 200) throw new Error(`identity failed: ${res.status} ${JSON.stringify(res.body)}`);
      const personId = await app.services.directory.requirePersonOf(caller.userId);
      return { ...caller, personId };
    },
    loginDevAs: (name) => loginDev(request, name),
    async staff(login, role, hallId = HALL) {
      const caller = await loginDev(request, login);
      await app.services.roles.grant('test', { accountId: caller.userId, role, scopeId: hallId }, null);
      return caller;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await scratch?.drop();
    },
  };
}
