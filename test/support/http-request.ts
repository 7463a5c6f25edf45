/** The body as JSON when it is JSON, else the text (metrics, CSV, static files). */
export function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** Sent as is (e.g. malformed JSON), with a JSON content type unless one is given. */
  raw?: string;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  /** Tests read fields of whatever the endpoint answers. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field; expect() checks the shape
  body: any;
}

export type Requester = (method: string, path: string, opts?: RequestOptions) => Promise<TestResponse>;

export interface Caller {
  token: string;
  userId: string;
}

/** A fetch-based client for one test server: bearer token, JSON body, JSON-or-text answer. */
export function requesterFor(baseUrl: string): Requester {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const payload = opts.body !== undefined ? JSON.stringify(opts.body) : opts.raw;
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    return { status: res.status, headers: res.headers, body: parseMaybeJson(await res.text()) };
  };
}

/** Logs in through the H5 development channel as `dev:<name>`. */
export async function loginDev(request: Requester, name: string): Promise<Caller> {
  const res = await request('POST', '/api/v1/auth/login', { body: { channel: 'h5', code: `dev:${name}` } });
  if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, userId: res.body.user.id };
}
