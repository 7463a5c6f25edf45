import { randomUUID } from 'node:crypto';
import { startFakeWechatServer, type FakeWechatServer } from '../fakes/fake-wechat-server';
import { startTestApp, type TestApp } from '../support/test-app';

let wechat: FakeWechatServer;
let t: TestApp;

beforeAll(async () => {
  wechat = await startFakeWechatServer({ appId: 'wx-wired-app', secret: 'wx-wired-secret' });
  t = await startTestApp('real', {
    auth: { wechat: { appId: 'wx-wired-app', secret: 'wx-wired-secret', baseUrl: wechat.baseUrl, timeoutMs: 1000 } },
    notifications: { enabled: true, pollMs: 50, templates: { hall_called: { weapp: 'wx-tmpl-hall', alipay: '' } } },
  });
  // Building the whole app on a scratch database can be slow on a busy machine.
}, 30_000);
afterAll(async () => {
  await t.close();
  await wechat.close();
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('notifications in the composed app', () => {
  it('services.notifications enqueues and the dispatcher started by buildApp delivers on its own', async () => {
    const db = t.app.database.db;
    const accountId = randomUUID();
    await db.insertInto('accounts').values({ id: accountId, channel: 'weapp', channel_user_id: 'o-wired', union_id: null, person_id: null, created_at: Date.now() }).execute();

    const data = { hallName: '市民服务中心', ticketNumber: 'C007', windowName: '5号窗口', calledAt: Date.UTC(2026, 0, 5, 1, 0) };
    await expect(t.app.services.notifications.enqueue({ accountId, template: 'hall_called', data, dedupeKey: 'C007' })).resolves.toEqual({ enqueued: 1, duplicates: 0 });

    await until(() => wechat.deliveredMessages().length === 1);
    expect(wechat.deliveredMessages()[0]).toMatchObject({ touser: 'o-wired', templateId: 'wx-tmpl-hall', data: { character_string1: 'C007', thing2: '市民服务中心' } });
    // The dispatcher marks the row after WeChat answered: the fake has the message a moment before.
    const statusOf = async () => (await db.selectFrom('notification_outbox').select('status').executeTakeFirstOrThrow()).status;
    const deadline = Date.now() + 5000;
    while ((await statusOf()) !== 'sent' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(await statusOf()).toBe('sent');
    // Nothing the recipient could be identified by reaches the log.
    expect(t.logs()).not.toContain('o-wired');
  });
});
