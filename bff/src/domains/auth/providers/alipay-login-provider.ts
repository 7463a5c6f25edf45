import { AppError } from '../../../core/app-error';
import { AlipayGateway, type AlipayGatewayConfig } from './alipay-gateway';
import { assertPlausibleLoginCode } from './assert-plausible-login-code';
import type { LoginProvider, PlatformIdentity } from './login-provider';
import type { VerifiedAlipayResponse } from './verify-alipay-response';

export type AlipayLoginConfig = AlipayGatewayConfig;

const METHOD = 'alipay.system.oauth.token';
const SUCCESS_CODE = '10000';

/** Sub codes meaning "this auth code cannot be exchanged": wrong, expired or already used. */
const INVALID_CODE_SUB_CODES = new Set(['isv.code-invalid']);
/** Gateway "Service Currently Unavailable" family: the answer is unknown, trying later may work. */
const UNAVAILABLE_CODE = '20000';
const UNAVAILABLE_SUB_CODES = new Set(['isp.unknow-error', 'aop.unknow-error', 'aop.ACQ.SYSTEM_ERROR', 'ACQ.SYSTEM_ERROR']);
/** Gateway "Call Limited": isv.app-call-limited, isv.method-call-limited. */
const CALL_LIMITED_CODE = '40005';

/**
 * Alipay mini-program login: `alipay.system.oauth.token` with grant_type=authorization_code,
 * through the classic RSA2-signed gateway (the same wire format as Alipay's own SDKs).
 */
export class AlipayLoginProvider implements LoginProvider {
  private readonly gateway: AlipayGateway;

  constructor(config: AlipayLoginConfig, fetchImpl: typeof fetch = fetch, now: () => Date = () => new Date()) {
    this.gateway = new AlipayGateway(config, fetchImpl, () => now().getTime());
  }

  async exchange(code: string): Promise<PlatformIdentity> {
    assertPlausibleLoginCode(code);
    return identityFrom(await this.gateway.call(METHOD, { grant_type: 'authorization_code', code }, [code]));
  }
}

function identityFrom({ key, payload }: VerifiedAlipayResponse): PlatformIdentity {
  // Errors come as error_response or, from newer gateways, inside the method's member with a code.
  if (key === 'error_response' || (payload.code !== undefined && payload.code !== SUCCESS_CODE)) throw errorFor(payload);
  // Apps switched to OpenID mode get open_id instead of user_id.
  const channelUserId = nonEmptyString(payload.user_id) ?? nonEmptyString(payload.open_id);
  if (!channelUserId) {
    throw new AppError(502, 'UPSTREAM_ERROR', 'Alipay returned an unusable answer', {
      details: { upstream: 'alipay', reason: 'unexpected_body' },
    });
  }
  return { channelUserId };
}

/**
 * Codes only in details: sub_msg is free text and for signature errors echoes the gateway's
 * sign content, which contains the login code.
 */
function errorFor(payload: Record<string, unknown>): AppError {
  const upstreamCode = nonEmptyString(payload.code) ?? null;
  const upstreamSubCode = nonEmptyString(payload.sub_code) ?? null;
  const details = { upstream: 'alipay', upstreamCode, upstreamSubCode };
  if (upstreamSubCode && INVALID_CODE_SUB_CODES.has(upstreamSubCode)) {
    return new AppError(401, 'LOGIN_CODE_INVALID', 'The login code is invalid or has already been used', { details });
  }
  if (upstreamCode === CALL_LIMITED_CODE || (upstreamSubCode !== null && /call-limited$/.test(upstreamSubCode))) {
    return new AppError(429, 'UPSTREAM_RATE_LIMITED', 'Alipay is rate limiting logins; try again shortly', { details });
  }
  if (upstreamCode === UNAVAILABLE_CODE || (upstreamSubCode !== null && UNAVAILABLE_SUB_CODES.has(upstreamSubCode))) {
    return new AppError(503, 'UPSTREAM_UNAVAILABLE', 'Alipay is unavailable', { details });
  }
  // isv.unmatched-app-id stays here on purpose: a code for another app nearly always means our
  // app_id is misconfigured, and a 5xx gets that noticed where a 401 per user would not.
  return new AppError(502, 'UPSTREAM_ERROR', 'Alipay refused the login exchange', { details });
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
