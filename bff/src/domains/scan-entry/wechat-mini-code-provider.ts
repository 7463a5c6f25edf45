import type { AppConfig } from '@govpass/config';
import { AppError } from '../../core/app-error';
import { requestUpstreamBytes } from '../auth/providers/request-upstream';
import { isImage, type MiniCodeImage, type MiniCodeProvider } from './mini-code-provider';

/** The mini-program's server access_token (GET /cgi-bin/token), cached by its owner. */
export interface AccessTokenSource {
  get(): Promise<string>;
  invalidate(token: string): void;
}

export interface WechatMiniCodeOptions {
  /** The page the code opens, without a leading / (must be published unless envVersion is not release). */
  page: string;
  envVersion: 'release' | 'trial' | 'develop';
}

/** 40001 invalid credential, 42001 expired, 40014 invalid token: fetch a new token and try once more. */
const TOKEN_TROUBLE = new Set([40001, 42001, 40014]);
/** 45009 daily quota of the API reached, 45011 minute quota: later, not now. */
const QUOTA = new Set([45009, 45011]);
/** -1 system busy. */
const BUSY = new Set([-1]);

/**
 * WeChat `wxacode.getUnlimited` (POST /wxa/getwxacodeunlimit): an image on success, a JSON
 * `{errcode, errmsg}` otherwise. Unlimited in number, limited in rate (5000 per minute) and scene
 * length (32).
 */
export class WechatMiniCodeProvider implements MiniCodeProvider {
  readonly platform = 'weapp' as const;

  constructor(
    private readonly config: AppConfig['auth']['wechat'],
    private readonly tokens: AccessTokenSource,
    private readonly options: WechatMiniCodeOptions,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async create(scene: string): Promise<MiniCodeImage> {
    const token = await this.tokens.get();
    const first = await this.post(token, scene);
    if (!('errcode' in first) || !TOKEN_TROUBLE.has(first.errcode)) return imageOr(first);
    this.tokens.invalidate(token);
    return imageOr(await this.post(await this.tokens.get(), scene));
  }

  private async post(token: string, scene: string): Promise<MiniCodeImage | { errcode: number }> {
    const { bytes, contentType } = await requestUpstreamBytes({
      upstream: 'wechat',
      url: `${this.config.baseUrl.replace(/\/+$/, '')}/wxa/getwxacodeunlimit?${new URLSearchParams({ access_token: token })}`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scene,
          page: this.options.page,
          // Only the released version can check that the page exists; trial/develop codes must not.
          check_path: this.options.envVersion === 'release',
          env_version: this.options.envVersion,
          width: 430,
        }),
      },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential: [token],
    });
    if (isImage(bytes)) return { bytes, contentType: contentType.startsWith('image/') ? contentType : 'image/png' };
    return { errcode: errcodeOf(bytes) };
  }
}

function errcodeOf(bytes: Buffer): number {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = null;
  }
  const errcode = (body as { errcode?: unknown } | null)?.errcode;
  if (typeof errcode !== 'number' || errcode === 0) {
    throw new AppError(502, 'UPSTREAM_ERROR', 'WeChat returned neither an image nor an error', { details: { upstream: 'wechat', reason: 'malformed_body' } });
  }
  return errcode;
}

function imageOr(answer: MiniCodeImage | { errcode: number }): MiniCodeImage {
  if (!('errcode' in answer)) return answer;
  const details = { upstream: 'wechat', upstreamCode: answer.errcode };
  if (QUOTA.has(answer.errcode)) throw new AppError(429, 'UPSTREAM_RATE_LIMITED', 'WeChat refuses more mini-program codes for now', { details });
  if (BUSY.has(answer.errcode)) throw new AppError(503, 'UPSTREAM_UNAVAILABLE', 'WeChat is busy', { details });
  throw new AppError(502, 'UPSTREAM_ERROR', 'WeChat refused to make the mini-program code', { details });
}
