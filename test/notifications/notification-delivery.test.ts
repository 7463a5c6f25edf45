import { sql } from 'kysely';
import { startNotificationFixture, type NotificationFixture } from './notification-fixture';

let f: NotificationFixture;

beforeAll(async () => {
  f = await startNotificationFixture();
  // RSA key generation for the fake Alipay gateway is slow on a busy machine.
}, 30_000);
afterAll(async () => {
  await f.close();
});
beforeEach(async () => {
  f.wechat.reset();
  f.alipay.reset();
  await f.database.db.deleteFrom('notification_outbox').execute();
});

const RED = { colour: 'red' as const, previousColour: 'green' as const, changedAt: Date.UTC(2026, 0, 5, 1, 15), reason: '与确诊病例同时空' };

async function rowOf(accountChannelUserId: string): Promise<Record<string, unknown>> {
  const row = await f.database.db
    .selectFrom('notification_outbox as n')
    .innerJoin('accounts as a', 'a.id', 'n.account_id')
    .selectAll('n')
    .where('a.channel_user_id', '=', accountChannelUserId)
    .executeTakeFirstOrThrow();
  return row;
}

describe('notification outbox → dispatcher → platform (real MariaDB, fake WeChat and Alipay over HTTP)', () => {
  it('delivers a WeChat subscribe message with the template id, page and keyword fields', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-red' }]);
    await expect(f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'change-1' })).resolves.toEqual({ enqueued: 1, duplicates: 0 });

    const summary = await f.dispatcher().runOnce();

    expect(summary).toMatchObject({ claimed: 1, sent: 1 });
    expect(f.wechat.deliveredMessages()).toEqual([
      {
        touser: 'o-wx-red',
        templateId: 'wx-tmpl-health',
        page: 'pages/index/index',
        // 09:15 Beijing time; the reason is cut to WeChat's 20-character thing limit only when longer.
        data: { phrase1: '红码', time2: '2026-01-05 09:15', thing3: '与确诊病例同时空' },
        accessToken: expect.stringMatching(/^ACCESS_/),
      },
    ]);
    const row = await rowOf('o-wx-red');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, person_id: personId, template: 'health_colour_changed' });
    expect(Number(row.sent_at)).toBe(f.clock.now());
  });

  it('delivers through the signed Alipay gateway to a user id and to an OpenID', async () => {
    const byUserId = await f.person([{ channel: 'alipay', userId: '2088000000000101' }]);
    const byOpenId = await f.person([{ channel: 'alipay', userId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' }]);
    const hall = { hallName: '市民服务中心', ticketNumber: 'A012', windowName: '3号窗口', calledAt: Date.UTC(2026, 0, 5, 6, 0) };
    await f.outbox.enqueue({ personId: byUserId, template: 'hall_called', data: hall, dedupeKey: 'ticket-A012' });
    await f.outbox.enqueue({ personId: byOpenId, template: 'hall_called', data: { ...hall, ticketNumber: 'A013' }, dedupeKey: 'ticket-A013' });

    await f.dispatcher().runOnce();

    const fields = { keyword2: '市民服务中心', keyword3: '请到3号窗口办理', keyword4: '2026-01-05 14:00' };
    // Rows enqueued in the same millisecond have no order between them.
    const byFirstKeyword = (m: { data: Record<string, string> }) => m.data.keyword1;
    expect(f.alipay.deliveredMessages().sort((a, b) => byFirstKeyword(a).localeCompare(byFirstKeyword(b)))).toEqual([
      { toUserId: '2088000000000101', toOpenId: undefined, userTemplateId: 'ali-tmpl-hall', page: 'packageHall/pages/ticket/index', data: { keyword1: 'A012', ...fields } },
      { toUserId: undefined, toOpenId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5', userTemplateId: 'ali-tmpl-hall', page: 'packageHall/pages/ticket/index', data: { keyword1: 'A013', ...fields } },
    ]);
    const sent = f.alipay.requests().filter((r) => r.query.method === 'alipay.open.app.mini.templatemessage.send');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.query).toMatchObject({ sign_type: 'RSA2', app_id: '2021000000000009' });
    expect(await f.rows()).toEqual([expect.objectContaining({ status: 'sent' }), expect.objectContaining({ status: 'sent' })]);
  });

  it('fans out to every account of the person; h5 accounts, unset templates and account-less persons are skipped', async () => {
    const personId = await f.person([
      { channel: 'weapp', userId: 'o-wx-multi' },
      { channel: 'alipay', userId: '2088000000000202' },
      { channel: 'h5', userId: 'dev:multi' },
    ]);
    const lonely = await f.person([]);
    await expect(f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'multi' })).resolves.toEqual({ enqueued: 3, duplicates: 0 });
    await f.outbox.enqueue({ personId: lonely, template: 'health_colour_changed', data: RED, dedupeKey: 'lonely' });
    // mask_booked has no Alipay template configured in this fixture.
    const booked = { pharmacyName: '同仁堂大药房（长江中路店）', pickupDate: '2026-01-06', quantity: 5, bookedAt: Date.UTC(2026, 0, 5, 2, 0) };
    await f.outbox.enqueue({ personId, template: 'mask_booked', data: booked, dedupeKey: 'res-1' });

    await expect(f.dispatcher().runOnce()).resolves.toMatchObject({ claimed: 7, sent: 3, skipped: 4 });

    const wx = f.wechat.deliveredMessages().sort((a, b) => a.templateId.localeCompare(b.templateId));
    expect(wx.map((m) => [m.templateId, m.touser])).toEqual([
      ['wx-tmpl-health', 'o-wx-multi'],
      ['wx-tmpl-mask', 'o-wx-multi'],
    ]);
    expect(wx[1]?.data).toEqual({ thing1: '同仁堂大药房（长江中路店）', date2: '2026-01-06', number3: '5', time4: '2026-01-05 10:00' });
    expect(f.alipay.deliveredMessages().map((m) => m.userTemplateId)).toEqual(['ali-tmpl-health']);
    const reasons = (await f.rows()).filter((r) => r.status === 'skipped').map((r) => r.last_error).sort();
    expect(reasons).toEqual(['channel_unsupported', 'channel_unsupported', 'no_account', 'template_not_configured']);
  });

  it('the same event enqueued twice is one row and one message', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-dup' }]);
    const event = { personId, template: 'health_colour_changed' as const, data: RED, dedupeKey: 'change-dup' };
    await expect(f.outbox.enqueue(event)).resolves.toEqual({ enqueued: 1, duplicates: 0 });
    await expect(f.outbox.enqueue(event)).resolves.toEqual({ enqueued: 0, duplicates: 1 });
    expect(await f.rows()).toHaveLength(1);

    await f.dispatcher().runOnce();
    await expect(f.outbox.enqueue(event)).resolves.toEqual({ enqueued: 0, duplicates: 1 });
    await f.dispatcher().runOnce();
    expect(f.wechat.deliveredMessages()).toHaveLength(1);
    // Another template with the same key is another event.
    await expect(f.outbox.enqueue({ ...event, template: 'hall_called', data: { hallName: '大厅', ticketNumber: 'B1', windowName: '1号窗口', calledAt: 0 } })).resolves.toEqual({ enqueued: 1, duplicates: 0 });
  });

  it('enqueues a batch as the same rows as one by one, in one insert; a redelivered or overlapping batch adds only what is new', async () => {
    const two = await f.person([
      { channel: 'weapp', userId: 'o-wx-batch' },
      { channel: 'alipay', userId: '2088000000000919' },
    ]);
    const none = await f.person([]);
    const called = (personId: string, dedupeKey: string) => ({ personId, template: 'hall_called' as const, dedupeKey, data: { hallName: '大厅', ticketNumber: 'A1', windowName: '1号窗口', calledAt: 0 } });
    const near = (personId: string, dedupeKey: string) => ({ personId, template: 'hall_turn_near' as const, dedupeKey, data: { hallName: '大厅', ticketNumber: 'A4', ahead: 2, etaMinutes: 9 } });
    const batch = [called(two, 'call-1'), near(none, 'ticket-4'), called(two, 'call-1')];
    await expect(f.outbox.enqueueMany(batch)).resolves.toEqual({ enqueued: 3, duplicates: 2 }); // as enqueue: one row per account, the repeat a duplicate per account
    const rows = await f.rows();
    expect(rows.map((r) => [r.template, r.person_id, r.account_id === null ? null : 'account', r.dedupe_key]).sort()).toEqual(
      [
        ['hall_called', two, 'account', expect.stringMatching(/^hall_called\|call-1\|/)],
        ['hall_called', two, 'account', expect.stringMatching(/^hall_called\|call-1\|/)],
        ['hall_turn_near', none, null, 'hall_turn_near|ticket-4|-'],
      ].sort(),
    );
    // The consumer's batch again (a redelivery), and one overlapping it with a new event.
    await expect(f.outbox.enqueueMany(batch)).resolves.toEqual({ enqueued: 0, duplicates: 5 });
    await expect(f.outbox.enqueueMany([near(none, 'ticket-4'), called(two, 'call-2')])).resolves.toEqual({ enqueued: 2, duplicates: 1 });
    expect(await f.rows()).toHaveLength(5);
  });

  it('refreshes an expired access token once and still delivers', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-token' }]);
    const dispatcher = f.dispatcher();
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'tok-1' });
    await dispatcher.runOnce();
    const tokenRequests = () => f.wechat.requests().filter((r) => r.path === '/cgi-bin/token').length;
    expect(tokenRequests()).toBe(1);

    f.wechat.expireAccessTokens();
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: { ...RED, colour: 'yellow' }, dedupeKey: 'tok-2' });
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ sent: 1 });

    expect(tokenRequests()).toBe(2);
    const [first, second] = f.wechat.deliveredMessages();
    expect(second?.data.phrase1).toBe('黄码');
    expect(second?.accessToken).not.toBe(first?.accessToken);
    // The 42001 answer, the new token, the successful send.
    expect(f.wechat.requests().slice(-3).map((r) => r.path)).toEqual(['/cgi-bin/message/subscribe/send', '/cgi-bin/token', '/cgi-bin/message/subscribe/send']);

    // A token WeChat no longer accepts (40001, e.g. replaced by another process) is handled the same way.
    f.wechat.respondNextSend({ kind: 'errcode', errcode: 40001, errmsg: 'invalid credential' });
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: { ...RED, colour: 'green' }, dedupeKey: 'tok-3' });
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ sent: 1 });
    expect(tokenRequests()).toBe(3);
  });

  it('a user who refused the subscription (43101) is skipped, not retried', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-refuser' }]);
    f.wechat.refuseSubscription('o-wx-refuser');
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'refused' });

    await expect(f.dispatcher().runOnce()).resolves.toMatchObject({ claimed: 1, skipped: 1 });
    f.clock.advance(24 * 3600_000);
    await expect(f.dispatcher().runOnce()).resolves.toMatchObject({ claimed: 0 });

    expect(f.wechat.deliveredMessages()).toHaveLength(0);
    expect(await rowOf('o-wx-refuser')).toMatchObject({ status: 'skipped', last_error: 'wechat:43101', attempts: 1 });
  });

  it('an Alipay user without a subscription is skipped with the gateway code as the reason', async () => {
    const personId = await f.person([{ channel: 'alipay', userId: '2088000000000404' }]);
    f.alipay.refuseSubscription('2088000000000404');
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'ali-refused' });
    await expect(f.dispatcher().runOnce()).resolves.toMatchObject({ skipped: 1 });
    expect(await rowOf('2088000000000404')).toMatchObject({ status: 'skipped', last_error: 'alipay:40004:USER_UNSUBSCRIBED' });
    expect(f.alipay.deliveredMessages()).toHaveLength(0);
  });

  it('an Alipay answer with a bad signature is not trusted: retried later', async () => {
    const personId = await f.person([{ channel: 'alipay', userId: '2088000000000505' }]);
    f.alipay.respondNext({ kind: 'signing', signing: 'wrong-key' });
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'ali-forged' });
    await expect(f.dispatcher().runOnce()).resolves.toMatchObject({ retrying: 1 });
    expect(await rowOf('2088000000000505')).toMatchObject({ status: 'pending', last_error: 'UPSTREAM_ERROR:signature_invalid' });
  });

  it('a 500 from WeChat is retried with exponential backoff, then given up after maxAttempts', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-flaky' }]);
    const dispatcher = f.dispatcher({ maxAttempts: 3, backoffBaseMs: 1000 });
    f.wechat.respondNextSend(...Array.from({ length: 3 }, () => ({ kind: 'http-status' as const, status: 500 })));
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'flaky' });
    const t0 = f.clock.now();
    const row = () => rowOf('o-wx-flaky');

    await expect(dispatcher.runOnce()).resolves.toMatchObject({ retrying: 1 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t0 + 1000, last_error: 'UPSTREAM_UNAVAILABLE:http_status_500' });
    f.clock.advance(999);
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ claimed: 0 });

    f.clock.advance(1);
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ retrying: 1 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: t0 + 1000 + 2000 });

    f.clock.advance(2000);
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ failed: 1 });
    expect(await row()).toMatchObject({ status: 'failed', attempts: 3, sent_at: null, last_error: 'UPSTREAM_UNAVAILABLE:http_status_500' });

    f.clock.advance(3600_000);
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ claimed: 0 });
    const sends = f.wechat.requests().filter((r) => r.path === '/cgi-bin/message/subscribe/send');
    expect(sends).toHaveLength(3);
    expect(f.wechat.deliveredMessages()).toHaveLength(0);
  });

  it('a send that fails once is delivered on the next attempt', async () => {
    const personId = await f.person([{ channel: 'alipay', userId: '2088000000000303' }]);
    f.alipay.respondNext({ kind: 'http-status', status: 502 });
    await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'ali-flaky' });
    const dispatcher = f.dispatcher();
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ retrying: 1 });
    f.clock.advance(1000);
    await expect(dispatcher.runOnce()).resolves.toMatchObject({ sent: 1 });
    expect(f.alipay.deliveredMessages()).toHaveLength(1);
    expect(await rowOf('2088000000000303')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two dispatchers on one database (separate pools, like two BFF processes) never send a row twice', async () => {
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => f.person([{ channel: 'weapp', userId: `o-wx-race-${i}` }])));
    for (const [i, personId] of people.entries()) {
      await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: `race-${i}` });
    }
    const a = f.dispatcher({ batchSize: 40 }, f.openDatabase());
    const b = f.dispatcher({ batchSize: 40 }, f.openDatabase());

    // Both read the same 40 due ids, then race for each claim.
    const [sa, sb] = await Promise.all([a.runOnce(), b.runOnce()]);

    expect(sa.claimed + sb.claimed).toBe(40);
    const delivered = f.wechat.deliveredMessages().map((m) => m.touser);
    expect(delivered).toHaveLength(40);
    expect(new Set(delivered).size).toBe(40);
    const statuses = await f.database.db.selectFrom('notification_outbox').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['sent', 40]]);
  });

  it('commits with the caller’s transaction, and a rolled-back transaction leaves nothing', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-trx' }]);
    const auditCount = async () => Number((await f.database.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const before = await auditCount();

    await expect(
      f.database.db.transaction().execute(async (trx) => {
        await trx.insertInto('audit_log').values({ at: 1, actor: 'test', action: 'health.colour', target_type: 'person', target_id: personId, request_id: null, details: null }).execute();
        await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'trx-rolled-back' }, trx);
        throw new Error('the colour change failed after the enqueue');
      }),
    ).rejects.toThrow('the colour change failed');
    expect(await f.rows()).toHaveLength(0);
    expect(await auditCount()).toBe(before);

    await f.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('audit_log').values({ at: 1, actor: 'test', action: 'health.colour', target_type: 'person', target_id: personId, request_id: null, details: null }).execute();
      await f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'trx-committed' }, trx);
      // A duplicate inside the same transaction does not spoil it.
      await expect(f.outbox.enqueue({ personId, template: 'health_colour_changed', data: RED, dedupeKey: 'trx-committed' }, trx)).resolves.toEqual({ enqueued: 0, duplicates: 1 });
    });
    expect(await f.rows()).toHaveLength(1);
    expect(await auditCount()).toBe(before + 1);
  });

  it('refuses data that does not fit the template, before anything is written', async () => {
    const personId = await f.person([{ channel: 'weapp', userId: 'o-wx-bad' }]);
    await expect(f.outbox.enqueue({ personId, template: 'health_colour_changed', data: { colour: 'purple' } as never, dedupeKey: 'bad' })).rejects.toMatchObject({
      status: 500,
      code: 'INTERNAL',
      details: { template: 'health_colour_changed', fields: ['colour', 'changedAt'] },
    });
    expect(await f.rows()).toHaveLength(0);
  });
});
