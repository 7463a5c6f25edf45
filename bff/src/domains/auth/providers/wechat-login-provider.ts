import type { AppConfig } from '@govpass/config';
import { AppError } from '../../../core/app-error';
import { assertPlausibleLoginCode } from './assert-plausible-login-code';
import type { LoginProvider, PlatformIdentity } from './login-provider';
import { requestUpstream } from './request-upstream';

export type WechatLoginConfig = AppConfig['auth']['wechat'];

/** The code2Session answer; WeChat sends HTTP 200 for errors too, with errcode set. */
interface Code2SessionBody {
  openid?: unknown;
  session_key?: unknown;
  unionid?: unknown;
  errcode?: unknown;
}

const INVALID_CODE = new Set([40029, 40163]);
const RATE_LIMITED = 45011;
const HIGH_RISK_USER = 40226;
const SYSTEM_BUSY = -1;

/** WeChat mini-program login: `auth.code2Session` (GET /sns/jscode2session). */
export class WechatLoginProvider implements LoginProvider {
  constructor(
    private readonly config: WechatLoginConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async exchange(code: string): Promise<PlatformIdentity> {
    assertPlausibleLoginCode(code);
    const text = await requestUpstream({
      upstream: 'wechat',
      url: this.code2SessionUrl(code),
      init: { method: 'GET', headers: { accept: 'application/json' } },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential: [this.config.secret, code],
    });
    return identityFrom(parseBody(text));
  }

  private code2SessionUrl(code: string): string {
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    // Concatenated rather than resolved with new URL(path, base) so a base URL with a path prefix (a proxy) keeps it.
    return `${this.config.baseUrl.replace(/\/+$/, '')}/sns/jscode2session?${query}`;
  }
}

function parseBody(text: string): Code2SessionBody {
  // WeChat labels this JSON as text/plain, so the content type is not consulted.
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unusableAnswer('malformed_body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unusableAnswer('malformed_body');
  return body;
}

function identityFrom(body: Code2SessionBody): PlatformIdentity {
  // Successful answers used to carry errcode 0 and now omit it; both mean success.
  const errcode = body.errcode === undefined || body.errcode === null ? 0 : Number(body.errcode);
  if (errcode !== 0) throw errorFor(Number.isFinite(errcode) ? errcode : String(body.errcode));
  if (!isNonEmptyString(body.openid) || !isNonEmptyString(body.session_key)) throw unusableAnswer('unexpected_body');
  return {
    channelUserId: body.openid,
    ...(isNonEmptyString(body.unionid) ? { unionId: body.unionid } : {}),
    sessionKey: body.session_key,
  };
}

/** Only the errcode goes into details: WeChat's errmsg is free text we do not control. */
function errorFor(errcode: number | string): AppError {
  const details = { upstream: 'wechat', upstreamCode: errcode };
  if (typeof errcode === 'number' && INVALID_CODE.has(errcode)) {
    return new AppError(401, 'LOGIN_CODE_INVALID', 'The login code is invalid or has already been used', { details });
  }
  if (errcode === RATE_LIMITED) {
    return new AppError(429, 'UPSTREAM_RATE_LIMITED', 'WeChat is rate limiting logins; try again in a minute', { details });
  }
  if (errcode === HIGH_RISK_USER) {
    return new AppError(403, 'LOGIN_HIGH_RISK_USER', 'WeChat refused this login for account safety reasons', { details });
  }
  if (errcode === SYSTEM_BUSY) {
    return new AppError(503, 'UPSTREAM_UNAVAILABLE', 'WeChat is busy', { details });
  }
  // 40013/40125 (wrong appid/secret) and the rest are our configuration or a protocol change: not the user's doing.
  return new AppError(502, 'UPSTREAM_ERROR', 'WeChat refused the login exchange', { details });
}

function unusableAnswer(reason: 'malformed_body' | 'unexpected_body'): AppError {
  return new AppError(502, 'UPSTREAM_ERROR', 'WeChat returned an unusable answer', { details: { upstream: 'wechat', reason } });
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
