import type { KeyObject } from 'node:crypto';
import type { AppConfig } from '@govpass/config';
import { loadRsaPrivateKey, loadRsaPublicKey } from '../auth/providers/load-rsa-key';
import { requestUpstream } from '../auth/providers/request-upstream';
import { signAlipayRequest } from '../auth/providers/sign-alipay-request';
import { verifyAlipayResponse } from '../auth/providers/verify-alipay-response';
import { beijingTimestamp } from './notification-templates';
import { reasonOf, type SendOutcome, type SubscribeMessage, type SubscribeSender } from './subscribe-sender';

const METHOD = 'alipay.open.app.mini.templatemessage.send';
const RESPONSE_KEY = 'alipay_open_app_mini_templatemessage_send_response';
const SUCCESS_CODE = '10000';
/** Gateway "Service Currently Unavailable" and "Call Limited": later may work. */
const RETRY_CODES = new Set(['20000', '40005']);
/** Business refusals that mean this user cannot receive it now (no subscription left, unknown user). */
const RECIPIENT_SUB_CODES = /SUBSCRIBE|SUBSCRIPTION|USER_NOT_EXIST|user-not-exist|TO_USER/i;
/** A 2088 user id (16 digits); anything else is an OpenID-mode id. */
const ALIPAY_USER_ID = /^2088\d{12}$/;

/**
 * Alipay mini-program subscribe messages through the classic RSA2 gateway, signed and verified with
 * the same helpers as the Alipay login. Business parameters go as `biz_content` JSON; `data` is
 * itself a JSON string of `{keyword: {value}}`, as the gateway wants.
 */
export class AlipaySubscribeSender implements SubscribeSender {
  readonly channel = 'alipay' as const;
  private readonly privateKey: KeyObject;
  private readonly alipayPublicKey: KeyObject;

  constructor(
    private readonly config: AppConfig['auth']['alipay'],
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {
    this.privateKey = loadRsaPrivateKey(config.privateKey, 'auth.alipay.privateKey');
    this.alipayPublicKey = loadRsaPublicKey(config.alipayPublicKey, 'auth.alipay.alipayPublicKey');
  }

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    try {
      const text = await this.post(message);
      const { key, payload } = verifyAlipayResponse(text, RESPONSE_KEY, this.alipayPublicKey);
      const code = typeof payload.code === 'string' ? payload.code : key === 'error_response' ? '' : SUCCESS_CODE;
      if (key !== 'error_response' && code === SUCCESS_CODE) return { kind: 'sent' };
      return outcomeOf(code, typeof payload.sub_code === 'string' ? payload.sub_code : '');
    } catch (err) {
      return { kind: 'retry', reason: reasonOf(err) };
    }
  }

  private post(message: SubscribeMessage): Promise<string> {
    const recipient = ALIPAY_USER_ID.test(message.toUser) ? { to_user_id: message.toUser } : { to_open_id: message.toUser };
    const data = Object.fromEntries(Object.entries(message.values).map(([key, value]) => [key, { value }]));
    const bizContent = JSON.stringify({ ...recipient, user_template_id: message.templateId, page: message.page, data: JSON.stringify(data) });
    const common = {
      app_id: this.config.appId,
      method: METHOD,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTimestamp(this.now()),
      version: '1.0',
    };
    const sign = signAlipayRequest({ ...common, biz_content: bizContent }, this.privateKey);
    return requestUpstream({
      upstream: 'alipay',
      url: `${this.config.gatewayUrl}${this.config.gatewayUrl.includes('?') ? '&' : '?'}${new URLSearchParams({ ...common, sign })}`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams({ biz_content: bizContent }).toString(),
      },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential: [],
    });
  }
}

function outcomeOf(code: string, subCode: string): SendOutcome {
  const reason = `alipay:${code}${subCode ? `:${subCode}` : ''}`.slice(0, 120);
  if (RETRY_CODES.has(code) || /unknow-error|SYSTEM_ERROR/i.test(subCode)) return { kind: 'retry', reason };
  if (code === '40004' && RECIPIENT_SUB_CODES.test(subCode)) return { kind: 'skip', reason };
  // Bad app_id, permissions, template or arguments: our configuration; retried in case it gets fixed.
  return { kind: 'retry', reason };
}
