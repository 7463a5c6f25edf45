import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { apiRoutes, type RequestBody, type ResponseBody, type RouteName } from '@govpass/shared-types';
import { ApiError, apiErrorFromResponse } from './api-error';

const TIMEOUT_MS = 15_000;

export interface ApiClientDeps {
  baseUrl: string;
  /** The session token for routes with `auth: true`. */
  getToken?: () => string | null;
  /** Runs silent login again; called at most once per call when the BFF answers 401. */
  reauthenticate?: () => Promise<unknown>;
  /** Awaited before each authenticated request, so none leaves while the session is being replaced. */
  sessionGate?: () => Promise<void>;
}

/** Routes with a body take it as the second argument; routes without take none. */
export type CallArgs<N extends RouteName> = RequestBody<N> extends undefined ? [] : [body: RequestBody<N>];

/** What any route contract (apiRoutes, maskRoutes) tells the client. */
export interface Contract {
  method: string;
  path: string;
  auth: boolean;
  response: z.ZodType;
  /** The success answer's media type when not JSON (a CSV export): the body is read as text. */
  contentType?: string;
}

/** One request, ready to send: route tables build these (see mask-client.ts for maskRoutes). */
export interface Outgoing {
  /** Route name, for error messages. */
  name: string;
  contract: Contract;
  /** Path with parameters filled in and the query string appended. */
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

export interface ApiClient {
  /** The core routes (`apiRoutes`). */
  call<N extends RouteName>(name: N, ...args: CallArgs<N>): Promise<ResponseBody<N>>;
  /**
   * Any contract's request, with the same token, 401 re-login and answer checking; the answer
   * is parsed by `contract.response`. Route tables outside `apiRoutes` build typed calls on it.
   */
  send(out: Outgoing): Promise<unknown>;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

/**
 * Alipay's my.request fails (instead of succeeding) on non-2xx answers but still carries the
 * status and body; treat that like any other HTTP answer so callers see the BFF's error code.
 */
function asHttpAnswer(failure: unknown): RawResponse | null {
  if (!failure || typeof failure !== 'object') return null;
  const f = failure as { status?: unknown; statusCode?: unknown; data?: unknown };
  const status = typeof f.statusCode === 'number' ? f.statusCode : f.status;
  return typeof status === 'number' && status > 0 && 'data' in f ? { statusCode: status, data: f.data } : null;
}

/** A text answer (CSV) whose error bodies are still the JSON error contract. */
function errorBodyOf(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

async function transmit(
  url: string,
  method: string,
  body: unknown,
  extraHeaders: Record<string, string>,
  token: string | null,
  asText: boolean,
): Promise<RawResponse> {
  const header: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    const res = await Taro.request({
      url,
      method: method as keyof Taro.request.Method,
      data: body as Record<string, unknown> | undefined,
      header,
      // Any other value than 'json' hands the body over as it came (a string).
      dataType: asText ? 'text' : 'json',
      timeout: TIMEOUT_MS,
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch (failure) {
    const answer = asHttpAnswer(failure);
    if (answer) return answer;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: describe(failure) });
  }
}

function describe(failure: unknown): string {
  if (failure && typeof failure === 'object') {
    const f = failure as { errMsg?: unknown; errorMessage?: unknown; message?: unknown };
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the platforms' failure texts are strings; any other shape still gets a message
    return String(f.errMsg ?? f.errorMessage ?? f.message ?? 'request failed');
  }
  return String(failure);
}

function parseSuccess(out: Outgoing, res: RawResponse): unknown {
  const parsed = out.contract.response.safeParse(res.data);
  if (!parsed.success) {
    throw new ApiError({
      code: 'INVALID_RESPONSE',
      status: res.statusCode,
      message: `response of ${out.name} does not match its schema: ${parsed.error.message}`,
    });
  }
  return parsed.data;
}

/** A typed client for `apiRoutes` (and, through `send`, other route tables): types come from the shared zod contracts. */
export function createApiClient(deps: ApiClientDeps): ApiClient {
  async function attempt(out: Outgoing, retried: boolean): Promise<unknown> {
    if (out.contract.auth && deps.sessionGate) await deps.sessionGate();
    const token = out.contract.auth ? (deps.getToken?.() ?? null) : null;
    const asText = out.contract.contentType !== undefined && !out.contract.contentType.includes('json');
    const res = await transmit(`${deps.baseUrl}${out.path}`, out.contract.method, out.body, out.headers, token, asText);
    if (res.statusCode >= 200 && res.statusCode < 300) return parseSuccess(out, res);
    if (res.statusCode === 401 && out.contract.auth && !retried && deps.reauthenticate) {
      // Tokens expire or get revoked; one fresh silent login is worth a retry, a second 401 is not.
      // The retry repeats the request exactly, Idempotency-Key included.
      await deps.reauthenticate();
      return attempt(out, true);
    }
    throw apiErrorFromResponse(res.statusCode, asText ? errorBodyOf(res.data) : res.data);
  }

  return {
    call: (name, ...args) =>
      attempt({ name, contract: apiRoutes[name], path: apiRoutes[name].path, body: args[0], headers: {} }, false) as Promise<
        ResponseBody<typeof name>
      >,
    send: (out) => attempt(out, false),
  };
}
