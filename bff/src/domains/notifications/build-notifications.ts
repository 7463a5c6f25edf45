import type { AppConfig } from '@govpass/config';
import type { Kysely } from 'kysely';
import type { Logger } from '../../core/create-logger';
import type { Database } from '../../infra/db/database';
import { AlipaySubscribeSender } from './alipay-subscribe-sender';
import { NotificationDispatcher, type SubscribeSenders } from './notification-dispatcher';
import { NotificationOutbox } from './notification-outbox';
import { SqlOutboxStore } from './sql-outbox-store';
import { WechatAccessToken } from './wechat-access-token';
import { WechatSubscribeSender } from './wechat-subscribe-sender';

export interface NotificationsDomain {
  outbox: NotificationOutbox;
  dispatcher: NotificationDispatcher;
}

/** A platform sends only when its credentials are configured; rows for the others are skipped. */
export function subscribeSenders(auth: AppConfig['auth'], fetchImpl: typeof fetch = fetch, now: () => number = Date.now): SubscribeSenders {
  const senders: SubscribeSenders = {};
  const { wechat, alipay } = auth;
  if (wechat.appId && wechat.secret) senders.weapp = new WechatSubscribeSender(wechat, new WechatAccessToken(wechat, fetchImpl, now), fetchImpl);
  if (alipay.appId && alipay.privateKey && alipay.alipayPublicKey) senders.alipay = new AlipaySubscribeSender(alipay, fetchImpl, now);
  return senders;
}

export function buildNotifications(db: Kysely<Database>, config: AppConfig, logger: Logger, now: () => number): NotificationsDomain {
  const outbox = new NotificationOutbox(db, now);
  const dispatcher = new NotificationDispatcher(new SqlOutboxStore(db), subscribeSenders(config.auth, fetch, now), config.notifications.templates, config.notifications, logger, now);
  return { outbox, dispatcher };
}
