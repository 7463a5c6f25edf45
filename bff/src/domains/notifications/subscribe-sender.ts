import type { KeywordValues, MessagingChannel } from './notification-templates';

export interface SubscribeMessage {
  /** The platform user id: a WeChat openid, an Alipay user id (2088…) or OpenID. */
  toUser: string;
  templateId: string;
  page: string;
  values: KeywordValues;
}

/**
 * What became of one send. `skip`: the user cannot receive it (no subscription, refused, unknown
 * user), so trying again is pointless and not an error. `retry`: may work later (network, 5xx,
 * busy, token trouble). `fail`: our request is wrong (template, data), retrying cannot fix it.
 * `reason` is a short code for the outbox's last_error, never upstream free text.
 */
export type SendOutcome = { kind: 'sent' } | { kind: 'skip' | 'retry' | 'fail'; reason: string };

/** One platform's subscribe-message API. */
export interface SubscribeSender {
  readonly channel: MessagingChannel;
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

/** A reason code from whatever a send threw (AppError from requestUpstream, or anything else). */
export function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; details?: { reason?: unknown; httpStatus?: unknown } } | null;
  const reason = typeof e?.details?.reason === 'string' ? e.details.reason : 'error';
  const status = typeof e?.details?.httpStatus === 'number' ? `_${e.details.httpStatus}` : '';
  return `${typeof e?.code === 'string' ? e.code : 'EXCEPTION'}:${reason}${status}`;
}
