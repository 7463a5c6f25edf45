import type { AppConfig } from '@govpass/config';
import { AppError } from '../../core/app-error';
import { requestUpstream } from '../auth/providers/request-upstream';

export type WechatApiConfig = AppConfig['auth']['wechat'];

/** Renew this long before WeChat's expiry, so a token never dies between reading and using it. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * The mini-program's server access_token (GET /cgi-bin/token), kept until shortly before it expires.
 * Concurrent callers share one fetch. Each process keeps its own: WeChat keeps the previous token
 * valid for a few minutes after a new one is issued, and a send that still meets 40001/42001
 * invalidates and fetches once more (WechatSubscribeSender).
 */
export class WechatAccessToken {
  private cached: CachedToken | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly config: WechatApiConfig,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt) return Promise.resolve(this.cached.value);
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Forget `token` if it is still the cached one (another caller may already have replaced it). */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.secret });
    const text = await requestUpstream({
      upstream: 'wechat',
      url: `${this.config.baseUrl.replace(/\/+$/, '')}/cgi-bin/token?${query}`,
      init: { method: 'GET', headers: { accept: 'application/json' } },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential: [this.config.secret],
    });
    const body = parseObject(text);
    const token = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn)) {
      throw new AppError(502, 'UPSTREAM_ERROR', 'WeChat refused to issue an access token', {
        details: { upstream: 'wechat', reason: 'token_refused', upstreamCode: body.errcode ?? null },
      });
    }
    this.cached = { value: token, expiresAt: this.now() + Math.max(0, expiresIn * 1000 - EXPIRY_MARGIN_MS) };
    return token;
  }
}

export function parseObject(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(502, 'UPSTREAM_ERROR', 'WeChat returned an unusable answer', { details: { upstream: 'wechat', reason: 'malformed_body' } });
  }
  return body as Record<string, unknown>;
}
