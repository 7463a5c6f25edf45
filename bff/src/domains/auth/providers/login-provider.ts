/**
 * A platform's login-code exchange (WeChat code2Session, Alipay oauth token, dev login).
 * Providers throw AppError with LOGIN_CODE_INVALID, LOGIN_HIGH_RISK_USER, UPSTREAM_RATE_LIMITED,
 * UPSTREAM_UNAVAILABLE or UPSTREAM_ERROR so the route layer needs no platform knowledge.
 */
export interface PlatformIdentity {
  /** Stable per-app user id on that platform (WeChat openid, Alipay user_id/open_id, dev account name). */
  channelUserId: string;
  /** WeChat unionid when the app is bound to an open platform account. */
  unionId?: string;
  /** WeChat session_key: kept in the BFF session record, never sent to the client. */
  sessionKey?: string;
}

export interface LoginProvider {
  exchange(code: string): Promise<PlatformIdentity>;
}
