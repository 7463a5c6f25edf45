import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { AppConfig } from '@govpass/config';
import { createDatabase, type DatabaseHandle } from '../../bff/src/infra/db/create-database';
import { runMigrations } from '../../bff/src/infra/db/run-migrations';
import { subscribeSenders } from '../../bff/src/domains/notifications/build-notifications';
import { NotificationDispatcher, type DispatcherOptions } from '../../bff/src/domains/notifications/notification-dispatcher';
import { NotificationOutbox } from '../../bff/src/domains/notifications/notification-outbox';
import { SqlOutboxStore } from '../../bff/src/domains/notifications/sql-outbox-store';
import { generateAppKeyPair, startFakeAlipayServer, type FakeAlipayServer } from '../fakes/fake-alipay-server';
import { startFakeWechatServer, type FakeWechatServer } from '../fakes/fake-wechat-server';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-services';

export const TEMPLATE_IDS: AppConfig['notifications']['templates'] = {
  health_colour_changed: { weapp: 'wx-tmpl-health', alipay: 'ali-tmpl-health' },
  hall_called: { weapp: 'wx-tmpl-hall', alipay: 'ali-tmpl-hall' },
  mask_booked: { weapp: 'wx-tmpl-mask', alipay: '' },
  hall_turn_near: { weapp: '', alipay: '' },
  appointment_offered: { weapp: 'wx-tmpl-appt', alipay: 'ali-tmpl-appt' },
  mask_round_changed: { weapp: 'wx-tmpl-round', alipay: '' },
};

export const DEFAULT_OPTIONS: DispatcherOptions = { pollMs: 50, batchSize: 20, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000, leaseMs: 30_000 };

/** A settable clock: backoff is asserted in exact milliseconds. */
export interface TestClock {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
}

export function testClock(start = Date.UTC(2026, 0, 5, 2, 30)): TestClock {
  let at = start;
  return { now: () => at, set: (ms) => void (at = ms), advance: (ms) => void (at += ms) };
}

export interface NotificationFixture {
  scratch: ScratchDatabase;
  database: DatabaseHandle;
  wechat: FakeWechatServer;
  alipay: FakeAlipayServer;
  auth: AppConfig['auth'];
  clock: TestClock;
  outbox: NotificationOutbox;
  /** A dispatcher on its own database pool (a second BFF process is another one of these). */
  dispatcher(opts?: Partial<DispatcherOptions>, database?: DatabaseHandle): NotificationDispatcher;
  /** Another connection pool on the same scratch database. */
  openDatabase(): DatabaseHandle;
  person(accounts: Array<{ channel: 'weapp' | 'alipay' | 'h5'; userId: string }>): Promise<string>;
  rows(): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export async function startNotificationFixture(): Promise<NotificationFixture> {
  const scratch = await createScratchDatabase();
  const extra: DatabaseHandle[] = [];
  const openDatabase = () => {
    const handle = createDatabase({ mysqlUrl: scratch.url, sqlitePath: ':memory:', poolSize: 4 });
    extra.push(handle);
    return handle;
  };
  const database = openDatabase();
  await runMigrations(database.db);
  const wechat = await startFakeWechatServer({ appId: 'wx-notify-app', secret: 'wx-notify-secret' });
  const keys = await generateAppKeyPair();
  const alipay = await startFakeAlipayServer({ appId: '2021000000000009', appPublicKey: keys.publicKeyPem });
  const auth: AppConfig['auth'] = {
    devLoginEnabled: false,
    wechat: { appId: 'wx-notify-app', secret: 'wx-notify-secret', baseUrl: wechat.baseUrl, timeoutMs: 1000 },
    alipay: { appId: '2021000000000009', privateKey: keys.privateKeyPkcs8Base64, alipayPublicKey: alipay.alipayPublicKey, gatewayUrl: alipay.gatewayUrl, timeoutMs: 1000 },
  };
  const clock = testClock();
  const logger = pino({ level: 'silent' });
  let seq = 0;

  return {
    scratch,
    database,
    wechat,
    alipay,
    auth,
    clock,
    outbox: new NotificationOutbox(database.db, clock.now),
    openDatabase,
    dispatcher(opts = {}, db = database) {
      // The Alipay gateway checks timestamps against its real clock: senders keep real time.
      return new NotificationDispatcher(new SqlOutboxStore(db.db), subscribeSenders(auth), TEMPLATE_IDS, { ...DEFAULT_OPTIONS, ...opts }, logger, clock.now);
    },
    async person(accounts) {
      const personId = randomUUID();
      seq += 1;
      await database.db
        .insertInto('persons')
        .values({ id: personId, id_hash: `hash-${personId}`, id_cipher: 'x', name_cipher: 'x', birth_date: '1950-01-01', created_at: clock.now() })
        .execute();
      for (const [i, a] of accounts.entries()) {
        await database.db
          .insertInto('accounts')
          .values({ id: randomUUID(), channel: a.channel, channel_user_id: a.userId, union_id: null, person_id: personId, created_at: clock.now() + seq * 10 + i })
          .execute();
      }
      return personId;
    },
    rows: () => database.db.selectFrom('notification_outbox').selectAll().orderBy('created_at').execute(),
    async close() {
      for (const handle of extra) await handle.close();
      await wechat.close();
      await alipay.close();
      await scratch.drop();
    },
  };
}
