import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeFakeServer } from './close-fake-server';

/**
 * A stand-in for api.weixin.qq.com's `auth.code2Session`, over real HTTP on 127.0.0.1.
 *
 * Answers as WeChat does: HTTP 200 and a JSON body labelled text/plain, either
 * `{session_key, openid[, unionid]}` or `{errcode, errmsg}`. Codes are one-time (a second use
 * gets 40163, an unknown code 40029); a wrong appid gets 40013, a wrong secret 40125.
 */
export interface FakeWechatServerOptions {
  appId: string;
  secret: string;
}

export interface IssueCodeOptions {
  unionid?: string;
  /** Defaults to a random base64 key like WeChat's. */
  sessionKey?: string;
  /** Answer with `errcode: 0, errmsg: "ok"` on success, as WeChat did before dropping it. */
  withErrcodeZero?: boolean;
}

/** One programmed answer, used by exactly one request (in the order queued). */
export type WechatOverride =
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  /** Hold the normal answer back this long (to drive the client past its timeout). */
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed-json' }
  | { kind: 'http-status'; status: number };

/** Ready-made overrides for the documented code2Session errors. */
export const wechatErrors = {
  rateLimited: { kind: 'errcode', errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
  highRiskUser: { kind: 'errcode', errcode: 40226, errmsg: 'code blocked' },
  systemBusy: { kind: 'errcode', errcode: -1, errmsg: 'system error' },
} satisfies Record<string, WechatOverride>;

export interface RecordedWechatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FakeWechatServer {
  /** Give this to WechatLoginProvider as `baseUrl`. */
  baseUrl: string;
  /** Mints a one-time js_code that code2Session will exchange for this openid. */
  issueCode(openid: string, opts?: IssueCodeOptions): string;
  /** The session_key handed out for a code (for assertions). */
  sessionKeyOf(code: string): string | undefined;
  /** Queues answers for the next requests, one per request. */
  respondNext(...overrides: WechatOverride[]): void;
  /** Forgets queued overrides and recorded requests, so one server can serve a whole test file. */
  reset(): void;
  requests(): RecordedWechatRequest[];
  close(): Promise<void>;
}

interface IssuedCode {
  openid: string;
  unionid?: string;
  sessionKey: string;
  withErrcodeZero: boolean;
  used: boolean;
}

interface WechatState {
  opts: FakeWechatServerOptions;
  codes: Map<string, IssuedCode>;
  overrides: WechatOverride[];
  recorded: RecordedWechatRequest[];
  timers: Set<NodeJS.Timeout>;
}

export async function startFakeWechatServer(opts: FakeWechatServerOptions): Promise<FakeWechatServer> {
  const state: WechatState = { opts, codes: new Map(), overrides: [], recorded: [], timers: new Set() };
  const server = createServer((req, res) => handle(state, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    issueCode(openid, issueOpts = {}) {
      const code = randomBytes(16).toString('hex');
      state.codes.set(code, {
        openid,
        unionid: issueOpts.unionid,
        sessionKey: issueOpts.sessionKey ?? randomBytes(16).toString('base64'),
        withErrcodeZero: issueOpts.withErrcodeZero ?? false,
        used: false,
      });
      return code;
    },
    sessionKeyOf: (code) => state.codes.get(code)?.sessionKey,
    respondNext: (...overrides) => void state.overrides.push(...overrides),
    requests: () => [...state.recorded],
    reset() {
      state.overrides.length = 0;
      state.recorded.length = 0;
    },
    close: () => closeFakeServer(server, state.timers),
  };
}

function handle(state: WechatState, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  state.recorded.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams) });
  req.resume();
  const override = state.overrides.shift();
  if (override?.kind === 'slow') {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      answer(state, url, req.method, res);
    }, override.delayMs);
    state.timers.add(timer);
    return;
  }
  if (override?.kind === 'errcode') return sendJsonText(res, errorBody(override.errcode, override.errmsg ?? 'error'));
  if (override?.kind === 'malformed-json') return sendText(res, 200, '<html><body>upstream proxy error</body></html>');
  if (override?.kind === 'http-status') return sendText(res, override.status, 'Bad Gateway');
  answer(state, url, req.method, res);
}

function answer(state: WechatState, url: URL, method: string | undefined, res: ServerResponse): void {
  if (url.pathname !== '/sns/jscode2session') return sendJsonText(res, errorBody(40066, 'invalid url'));
  if (method !== 'GET') return sendJsonText(res, errorBody(43001, 'require GET method'));
  sendJsonText(res, code2Session(state, url.searchParams));
}

/** Checks in the order WeChat reports them: missing fields, credentials, then the code itself. */
function code2Session(state: WechatState, query: URLSearchParams): Record<string, unknown> {
  const appid = query.get('appid');
  const secret = query.get('secret');
  const jsCode = query.get('js_code');
  if (!appid) return errorBody(41002, 'appid missing');
  if (!secret) return errorBody(41004, 'appsecret missing');
  if (!jsCode) return errorBody(41008, 'missing code');
  if (query.get('grant_type') !== 'authorization_code') return errorBody(40002, 'invalid grant_type');
  if (appid !== state.opts.appId) return errorBody(40013, 'invalid appid');
  if (secret !== state.opts.secret) return errorBody(40125, 'invalid appsecret');
  const issued = state.codes.get(jsCode);
  if (!issued) return errorBody(40029, 'invalid code');
  if (issued.used) return errorBody(40163, 'code been used');
  issued.used = true;
  return {
    session_key: issued.sessionKey,
    openid: issued.openid,
    ...(issued.unionid ? { unionid: issued.unionid } : {}),
    ...(issued.withErrcodeZero ? { errcode: 0, errmsg: 'ok' } : {}),
  };
}

function errorBody(errcode: number, errmsg: string): Record<string, unknown> {
  return { errcode, errmsg: `${errmsg}, rid: ${randomBytes(6).toString('hex')}` };
}

function sendJsonText(res: ServerResponse, body: Record<string, unknown>): void {
  sendText(res, 200, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
