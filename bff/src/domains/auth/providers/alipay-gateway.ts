import type { KeyObject } from 'node:crypto';
import type { AppConfig } from '@govpass/config';
import { loadRsaPrivateKey, loadRsaPublicKey } from './load-rsa-key';
import { requestUpstream } from './request-upstream';
import { signAlipayRequest } from './sign-alipay-request';
import { verifyAlipayResponse, type VerifiedAlipayResponse } from './verify-alipay-response';

export type AlipayGatewayConfig = AppConfig['auth']['alipay'];

/**
 * Alipay's classic RSA2-signed OpenAPI gateway, as every Alipay adapter calls it (login, subscribe
 * messages, mini-program codes). Keys are loaded here, so a misconfigured key fails at start-up
 * rather than at the first call.
 */
export class AlipayGateway {
  private readonly privateKey: KeyObject;
  private readonly alipayPublicKey: KeyObject;

  constructor(
    private readonly config: AlipayGatewayConfig,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {
    this.privateKey = loadRsaPrivateKey(config.privateKey, 'auth.alipay.privateKey');
    this.alipayPublicKey = loadRsaPublicKey(config.alipayPublicKey, 'auth.alipay.alipayPublicKey');
  }

  /**
   * One call of `method`; resolves to its answer once Alipay's signature over it checks out.
   * `confidential` values (a login code) never survive into an error.
   */
  async call(method: string, business: Record<string, string>, confidential: string[] = []): Promise<VerifiedAlipayResponse> {
    const common = {
      app_id: this.config.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(this.now()),
      version: '1.0',
    };
    const sign = signAlipayRequest({ ...common, ...business }, this.privateKey);
    const text = await requestUpstream({
      upstream: 'alipay',
      // As the SDKs do: protocol parameters (sign included) in the query, business ones in the form body.
      url: `${this.config.gatewayUrl}${this.config.gatewayUrl.includes('?') ? '&' : '?'}${new URLSearchParams({ ...common, sign })}`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(business).toString(),
      },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential,
    });
    return verifyAlipayResponse(text, `${method.replaceAll('.', '_')}_response`, this.alipayPublicKey);
  }
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, which the gateway checks the timestamp against. */
export function alipayTimestamp(epochMs: number): string {
  // China has kept UTC+8 all year since 1991, so a fixed offset is exact without a tz database.
  const iso = new Date(epochMs + 8 * 60 * 60 * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
