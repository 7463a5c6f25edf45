import Taro from '@tarojs/taro';
import { apiRoutes, type RequestBody, type ResponseBody, type RouteName } from '@govpass/shared-types';
import { ApiError, apiErrorFromResponse } from './api-error';

const TIMEOUT_MS = 15_000;

export interface ApiClientDeps {
  baseUrl: string;
  /** The session token for routes with `auth: true`. */
  getToken?: () => string | null;
  /** Runs silent login again; called at most once per call when the BFF answers 401. */
  reauthenticate?: () => Promise<unknown>;
}

/** Routes with a body take it as the second argument; routes without take none. */
export type CallArgs<N extends RouteName> = RequestBody<N> extends undefined ? [] : [body: RequestBody<N>];

export interface ApiClient {
  call<N extends RouteName>(name: N, ...args: CallArgs<N>): Promise<ResponseBody<N>>;
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

async function send(url: string, method: string, body: unknown, token: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { 'content-type': 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    const res = await Taro.request({
      url,
      method: method as keyof Taro.request.Method,
      data: body as Record<string, unknown> | undefined,
      header,
      dataType: 'json',
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
    return String(f.errMsg ?? f.errorMessage ?? f.message ?? 'request failed');
  }
  return String(failure);
}

function parseSuccess<N extends RouteName>(name: N, res: RawResponse): ResponseBody<N> {
  const parsed = apiRoutes[name].response.safeParse(res.data);
  if (!parsed.success) {
    throw new ApiError({
      code: 'INVALID_RESPONSE',
      status: res.statusCode,
      message: `response of ${String(name)} does not match its schema: ${parsed.error.message}`,
    });
  }
  return parsed.data as ResponseBody<N>;
}

/** A typed client for `apiRoutes`: request/response types come from the shared zod contracts. */
export function createApiClient(deps: ApiClientDeps): ApiClient {
  async function attempt<N extends RouteName>(name: N, body: unknown, retried: boolean): Promise<ResponseBody<N>> {
    const route = apiRoutes[name];
    const token = route.auth ? (deps.getToken?.() ?? null) : null;
    const res = await send(`${deps.baseUrl}${route.path}`, route.method, body, token);
    if (res.statusCode >= 200 && res.statusCode < 300) return parseSuccess(name, res);
    if (res.statusCode === 401 && route.auth && !retried && deps.reauthenticate) {
      // Tokens expire or get revoked; one fresh silent login is worth a retry, a second 401 is not.
      await deps.reauthenticate();
      return attempt(name, body, true);
    }
    throw apiErrorFromResponse(res.statusCode, res.data);
  }

  return {
    call: (name, ...args) => attempt(name, args[0], false),
  };
}
