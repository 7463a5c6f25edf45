import type { AppConfig } from '@govpass/config';
import { requestUpstream } from '../auth/providers/request-upstream';
import { reasonOf, type SendOutcome, type SubscribeMessage, type SubscribeSender } from './subscribe-sender';
import { parseObject, type WechatAccessToken } from './wechat-access-token';

/** 40001 invalid credential, 42001 expired, 40014 invalid token: fetch a new token and try once more. */
const TOKEN_TROUBLE = new Set([40001, 42001, 40014]);
/** The user has no (remaining) subscription to this template, or the openid is not ours: nothing to send to. */
const RECIPIENT_CANNOT_RECEIVE = new Set([43101, 40003]);
/** Our template id, page or data is wrong: retrying the same request cannot help. */
const REQUEST_INVALID = new Set([40037, 41030, 47003]);

/** WeChat mini-program subscribe messages: POST /cgi-bin/message/subscribe/send. */
export class WechatSubscribeSender implements SubscribeSender {
  readonly channel = 'weapp' as const;

  constructor(
    private readonly config: AppConfig['auth']['wechat'],
    private readonly tokens: WechatAccessToken,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    try {
      const token = await this.tokens.get();
      let errcode = await this.post(token, message);
      if (TOKEN_TROUBLE.has(errcode)) {
        this.tokens.invalidate(token);
        errcode = await this.post(await this.tokens.get(), message);
      }
      return outcomeOf(errcode);
    } catch (err) {
      return { kind: 'retry', reason: reasonOf(err) };
    }
  }

  private async post(token: string, message: SubscribeMessage): Promise<number> {
    const data = Object.fromEntries(Object.entries(message.values).map(([key, value]) => [key, { value }]));
    const text = await requestUpstream({
      upstream: 'wechat',
      url: `${this.config.baseUrl.replace(/\/+$/, '')}/cgi-bin/message/subscribe/send?${new URLSearchParams({ access_token: token })}`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ touser: message.toUser, template_id: message.templateId, page: message.page, data, lang: 'zh_CN' }),
      },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential: [token],
    });
    const body = parseObject(text);
    // Successful answers carry errcode 0 (older ones omit it).
    const errcode = body.errcode === undefined || body.errcode === null ? 0 : Number(body.errcode);
    return Number.isFinite(errcode) ? errcode : -2;
  }
}

function outcomeOf(errcode: number): SendOutcome {
  if (errcode === 0) return { kind: 'sent' };
  const reason = `wechat:${errcode}`;
  if (RECIPIENT_CANNOT_RECEIVE.has(errcode)) return { kind: 'skip', reason };
  if (REQUEST_INVALID.has(errcode)) return { kind: 'fail', reason };
  return { kind: 'retry', reason };
}
