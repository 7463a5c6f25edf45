import { AppError } from '../../../core/app-error';

export interface UpstreamRequest {
  /** Short platform name for error details and messages ('wechat', 'alipay'). */
  upstream: string;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  fetchImpl: typeof fetch;
  /**
   * Values that must not survive into an error (app secret, login code). Some fetch errors quote
   * the whole URL ("Failed to parse URL from …?secret=…"), and the error middleware logs `cause`.
   */
  confidential: string[];
}

/**
 * One HTTP round trip to a platform, resolving to the body text of a 2xx answer. The timeout
 * covers reading the body as well as the headers.
 *
 * Status choice, shared by every provider: 503 UPSTREAM_UNAVAILABLE when trying again later may
 * well work (timeout, connection failure, 5xx); 502 UPSTREAM_ERROR when the platform answered but
 * the answer is unusable (other non-2xx, garbage body), which retrying will not fix.
 */
export async function requestUpstream(req: UpstreamRequest): Promise<string> {
  return (await requestUpstreamBytes(req)).bytes.toString('utf8');
}

/** The same round trip, resolving to the raw bytes and media type (images: mini-program codes). */
export async function requestUpstreamBytes(req: UpstreamRequest): Promise<{ bytes: Buffer; contentType: string }> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  let response: Response;
  let bytes: Buffer;
  try {
    response = await req.fetchImpl(req.url, { ...req.init, signal });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (err) {
    throw networkFailure(req, err);
  }
  if (response.status >= 500) {
    throw new AppError(503, 'UPSTREAM_UNAVAILABLE', `${req.upstream} is unavailable`, {
      details: { upstream: req.upstream, reason: 'http_status', httpStatus: response.status },
    });
  }
  if (response.status < 200 || response.status >= 300) {
    throw new AppError(502, 'UPSTREAM_ERROR', `${req.upstream} answered with an unexpected status`, {
      details: { upstream: req.upstream, reason: 'http_status', httpStatus: response.status },
    });
  }
  return { bytes, contentType: response.headers.get('content-type') ?? '' };
}

function networkFailure(req: UpstreamRequest, err: unknown): AppError {
  const timedOut = isTimeout(err);
  return new AppError(503, 'UPSTREAM_UNAVAILABLE', `${req.upstream} did not answer`, {
    details: { upstream: req.upstream, reason: timedOut ? 'timeout' : 'network' },
    cause: scrubError(err, req.confidential),
  });
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** A copy of the error chain with confidential values cut out of every message. */
function scrubError(err: unknown, confidential: string[], depth = 0): Error {
  const source = err instanceof Error ? err : new Error(String(err));
  const cause = depth < 3 && source.cause !== undefined ? scrubError(source.cause, confidential, depth + 1) : undefined;
  const copy = new Error(redact(source.message, confidential), cause ? { cause } : undefined);
  copy.name = source.name;
  return copy;
}

function redact(text: string, confidential: string[]): string {
  let out = text;
  for (const value of confidential) {
    if (!value) continue;
    for (const form of new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)])) {
      out = out.split(form).join('[redacted]');
    }
  }
  return out;
}
