import { AlipayGateway, type AlipayGatewayConfig } from '../auth/providers/alipay-gateway';
import { reasonOf, type SendOutcome, type SubscribeMessage, type SubscribeSender } from './subscribe-sender';

const METHOD = 'alipay.open.app.mini.templatemessage.send';
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
  private readonly gateway: AlipayGateway;

  constructor(config: AlipayGatewayConfig, fetchImpl: typeof fetch = fetch, now: () => number = Date.now) {
    this.gateway = new AlipayGateway(config, fetchImpl, now);
  }

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    try {
      const { key, payload } = await this.post(message);
      const code = typeof payload.code === 'string' ? payload.code : key === 'error_response' ? '' : SUCCESS_CODE;
      if (key !== 'error_response' && code === SUCCESS_CODE) return { kind: 'sent' };
      return outcomeOf(code, typeof payload.sub_code === 'string' ? payload.sub_code : '');
    } catch (err) {
      return { kind: 'retry', reason: reasonOf(err) };
    }
  }

  private post(message: SubscribeMessage) {
    const recipient = ALIPAY_USER_ID.test(message.toUser) ? { to_user_id: message.toUser } : { to_open_id: message.toUser };
    const data = Object.fromEntries(Object.entries(message.values).map(([key, value]) => [key, { value }]));
    const bizContent = JSON.stringify({ ...recipient, user_template_id: message.templateId, page: message.page, data: JSON.stringify(data) });
    return this.gateway.call(METHOD, { biz_content: bizContent });
  }
}

function outcomeOf(code: string, subCode: string): SendOutcome {
  const reason = `alipay:${code}${subCode ? `:${subCode}` : ''}`.slice(0, 120);
  if (RETRY_CODES.has(code) || /unknow-error|SYSTEM_ERROR/i.test(subCode)) return { kind: 'retry', reason };
  if (code === '40004' && RECIPIENT_SUB_CODES.test(subCode)) return { kind: 'skip', reason };
  // Bad app_id, permissions, template or arguments: our configuration; retried in case it gets fixed.
  return { kind: 'retry', reason };
}
