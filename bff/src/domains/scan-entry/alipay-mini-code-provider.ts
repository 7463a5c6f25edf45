import { AppError } from '../../core/app-error';
import { AlipayGateway, type AlipayGatewayConfig } from '../auth/providers/alipay-gateway';
import { requestUpstreamBytes } from '../auth/providers/request-upstream';
import { isImage, type MiniCodeImage, type MiniCodeProvider } from './mini-code-provider';

const METHOD = 'alipay.open.app.qrcode.create';
const SUCCESS_CODE = '10000';
const UNAVAILABLE_CODE = '20000';
const CALL_LIMITED_CODE = '40005';

/**
 * Alipay `alipay.open.app.qrcode.create` through the RSA2 gateway (signed and verified with the
 * login's helpers): the answer names image URLs; the round code (`qr_code_url_circle_white`, else
 * the square `qr_code_url`) is then downloaded. The code opens `page` with `scene=<short form>`
 * in the launch query, which the app reads like WeChat's scene.
 */
export class AlipayMiniCodeProvider implements MiniCodeProvider {
  readonly platform = 'alipay' as const;
  private readonly gateway: AlipayGateway;

  constructor(
    private readonly config: AlipayGatewayConfig,
    private readonly page: string,
    private readonly fetchImpl: typeof fetch = fetch,
    now: () => number = Date.now,
  ) {
    this.gateway = new AlipayGateway(config, fetchImpl, now);
  }

  async create(scene: string): Promise<MiniCodeImage> {
    const imageUrl = await this.imageUrl(scene);
    const { bytes, contentType } = await requestUpstreamBytes({
      upstream: 'alipay',
      url: imageUrl,
      init: { method: 'GET' },
      timeoutMs: this.config.timeoutMs,
      fetchImpl: this.fetchImpl,
      confidential: [],
    });
    if (!isImage(bytes)) throw new AppError(502, 'UPSTREAM_ERROR', 'Alipay’s code URL did not give an image', { details: { upstream: 'alipay', reason: 'not_an_image' } });
    return { bytes, contentType: contentType.startsWith('image/') ? contentType : 'image/png' };
  }

  private async imageUrl(scene: string): Promise<string> {
    const bizContent = JSON.stringify({ url_param: this.page, query_param: `scene=${scene}`, describe: `govpass ${scene}`, size: 'l' });
    const { key, payload } = await this.gateway.call(METHOD, { biz_content: bizContent });
    if (key === 'error_response' || payload.code !== SUCCESS_CODE) throw errorFor(payload);
    const url = stringOf(payload.qr_code_url_circle_white) ?? stringOf(payload.qr_code_url);
    if (!url || !/^https?:\/\//.test(url)) throw new AppError(502, 'UPSTREAM_ERROR', 'Alipay answered without a code URL', { details: { upstream: 'alipay', reason: 'unexpected_body' } });
    return url;
  }
}

function errorFor(payload: Record<string, unknown>): AppError {
  const upstreamCode = stringOf(payload.code) ?? null;
  const upstreamSubCode = stringOf(payload.sub_code) ?? null;
  const details = { upstream: 'alipay', upstreamCode, upstreamSubCode };
  if (upstreamCode === CALL_LIMITED_CODE || (upstreamSubCode !== null && /call-limited$/i.test(upstreamSubCode))) {
    return new AppError(429, 'UPSTREAM_RATE_LIMITED', 'Alipay refuses more mini-program codes for now', { details });
  }
  if (upstreamCode === UNAVAILABLE_CODE || (upstreamSubCode !== null && /unknow-error|SYSTEM_ERROR/i.test(upstreamSubCode))) {
    return new AppError(503, 'UPSTREAM_UNAVAILABLE', 'Alipay is unavailable', { details });
  }
  return new AppError(502, 'UPSTREAM_ERROR', 'Alipay refused to make the mini-program code', { details });
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
