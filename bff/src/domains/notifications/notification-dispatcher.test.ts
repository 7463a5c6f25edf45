import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createDatabase, type DatabaseHandle } from '../../infra/db/create-database';
import { runMigrations } from '../../infra/db/run-migrations';
import { backoffMs, NotificationDispatcher, type TemplateIds } from './notification-dispatcher';
import { NotificationOutbox } from './notification-outbox';
import { SqlOutboxStore } from './sql-outbox-store';
import type { SendOutcome, SubscribeMessage, SubscribeSender } from './subscribe-sender';

const ids = { weapp: 'wx-t', alipay: 'ali-t' };
const TEMPLATES: TemplateIds = { health_colour_changed: ids, hall_called: ids, mask_booked: ids, hall_turn_near: ids, appointment_offered: ids, mask_round_changed: ids };
const OPTIONS = { pollMs: 10, batchSize: 10, maxAttempts: 2, backoffBaseMs: 100, backoffMaxMs: 150, leaseMs: 5000 };

class ScriptedSender implements SubscribeSender {
  readonly channel = 'weapp' as const;
  readonly sent: SubscribeMessage[] = [];
  constructor(private readonly script: SendOutcome[] = []) {}
  async send(message: SubscribeMessage): Promise<SendOutcome> {
    const outcome = this.script.shift() ?? { kind: 'sent' };
    if (outcome.kind === 'sent') this.sent.push(message);
    return outcome;
  }
}

// The embedded default store: migration 0005 and every query must work on SQLite too.
describe('notification dispatcher on SQLite', () => {
  let database: DatabaseHandle;
  let at: number;
  const now = () => at;

  beforeEach(async () => {
    at = 1_000_000;
    database = createDatabase({ mysqlUrl: null, sqlitePath: ':memory:' });
    await runMigrations(database.db);
  });
  afterEach(() => database.close());

  async function accountFor(channel: 'weapp' | 'h5', userId: string): Promise<string> {
    const id = randomUUID();
    await database.db.insertInto('accounts').values({ id, channel, channel_user_id: userId, union_id: null, person_id: null, created_at: 1 }).execute();
    return id;
  }
  const dispatcherWith = (sender: SubscribeSender) => new NotificationDispatcher(new SqlOutboxStore(database.db), { weapp: sender }, TEMPLATES, OPTIONS, pino({ level: 'silent' }), now);
  const data = { colour: 'red' as const, changedAt: 0 };

  it('enqueues once per event, sends, and skips h5 accounts', async () => {
    const outbox = new NotificationOutbox(database.db, now);
    const wx = await accountFor('weapp', 'o-1');
    const h5 = await accountFor('h5', 'dev:x');
    await outbox.enqueue({ accountId: wx, template: 'health_colour_changed', data, dedupeKey: 'e1' });
    await expect(outbox.enqueue({ accountId: wx, template: 'health_colour_changed', data, dedupeKey: 'e1' })).resolves.toEqual({ enqueued: 0, duplicates: 1 });
    await outbox.enqueue({ accountId: h5, template: 'health_colour_changed', data, dedupeKey: 'e1' });
    const sender = new ScriptedSender();
    await expect(dispatcherWith(sender).runOnce()).resolves.toMatchObject({ claimed: 2, sent: 1, skipped: 1 });
    expect(sender.sent).toEqual([{ toUser: 'o-1', templateId: 'wx-t', page: 'pages/index/index', values: expect.objectContaining({ phrase1: '红码' }) }]);
  });

  it('backs off, then fails after maxAttempts; a fail outcome gives up at once', async () => {
    const outbox = new NotificationOutbox(database.db, now);
    const wx = await accountFor('weapp', 'o-2');
    await outbox.enqueue({ accountId: wx, template: 'health_colour_changed', data, dedupeKey: 'retry' });
    await outbox.enqueue({ accountId: wx, template: 'health_colour_changed', data, dedupeKey: 'bad-template' });
    const dispatcher = dispatcherWith(new ScriptedSender([{ kind: 'retry', reason: 'x' }, { kind: 'fail', reason: 'wechat:40037' }, { kind: 'retry', reason: 'y' }]));
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ retrying: 1, failed: 1 });
    at += 99;
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ claimed: 0 });
    at += 1;
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ failed: 1 });
    const rows = await database.db.selectFrom('notification_outbox').select(['status', 'attempts', 'last_error']).orderBy('last_error').execute();
    expect(rows).toEqual([
      { status: 'failed', attempts: 1, last_error: 'wechat:40037' },
      { status: 'failed', attempts: 2, last_error: 'y' },
    ]);
  });

  it('start/stop polls on its own and stop waits for the batch under way', async () => {
    const outbox = new NotificationOutbox(database.db, now);
    const wx = await accountFor('weapp', 'o-3');
    const sender = new ScriptedSender();
    const dispatcher = dispatcherWith(sender);
    dispatcher.start();
    await outbox.enqueue({ accountId: wx, template: 'health_colour_changed', data, dedupeKey: 'polled' });
    for (let i = 0; i < 100 && sender.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await dispatcher.stop();
    expect(sender.sent).toHaveLength(1);
    await outbox.enqueue({ accountId: wx, template: 'health_colour_changed', data, dedupeKey: 'after-stop' });
    await new Promise((r) => setTimeout(r, 50));
    expect(sender.sent).toHaveLength(1);
  });

  it('doubles the wait per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, { backoffBaseMs: 1000, backoffMaxMs: 5000 }))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
