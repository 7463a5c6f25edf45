import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeFakeServer } from './close-fake-server';
import { miniCodeImage } from './fake-mini-code-image';

/**
 * A stand-in for api.weixin.qq.com's `auth.code2Session`, over real HTTP on 127.0.0.1.
 *
 * Answers as WeChat does: HTTP 200 and a JSON body labelled text/plain, either
 * `{session_key, openid[, unionid]}` or `{errcode, errmsg}`. Codes are one-time (a second use
 * gets 40163, an unknown code 40029); a wrong appid gets 40013, a wrong secret 40125.
 *
 * Also the server side of subscribe messages: `GET /cgi-bin/token` issues access tokens (7200 s),
 * `POST /cgi-bin/message/subscribe/send` checks the token (unknown 40001, expired 42001), the
 * body (40003 no touser, 40037 no template, 47003 data not `{key: {value}}`) and the user's
 * subscription (43101 when refused), and records what it delivered.
 *
 * And `POST /wxa/getwxacodeunlimit` (wxacode.getUnlimited): checks the token, `scene` (1–32 of
 * WeChat's allowed characters, else 40169) and `page` (41030 when missing), and answers a PNG
 * QR code holding `<page>?scene=<scene>` so tests can read back what the code opens.
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
  dailyQuota: { kind: 'errcode', errcode: 45009, errmsg: 'reach max api daily quota limit' },
  rateLimited: { kind: 'errcode', errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
  highRiskUser: { kind: 'errcode', errcode: 40226, errmsg: 'code blocked' },
  systemBusy: { kind: 'errcode', errcode: -1, errmsg: 'system error' },
} satisfies Record<string, WechatOverride>;

export interface RecordedWechatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

/** A subscribe message the fake accepted. */
export interface DeliveredSubscribeMessage {
  touser: string;
  templateId: string;
  page: string | undefined;
  /** keyword → value, unwrapped from `{value}`. */
  data: Record<string, string>;
  accessToken: string;
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
  /** Queues answers for the next subscribe sends only (token requests are left alone). */
  respondNextSend(...overrides: WechatOverride[]): void;
  /** Every access token issued so far now answers 42001 (expired). */
  expireAccessTokens(): void;
  /** This user refused (or used up) the subscription: sends to them answer 43101. */
  refuseSubscription(openid: string): void;
  /** Messages accepted, in order. */
  deliveredMessages(): DeliveredSubscribeMessage[];
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
  /** access token → expired? */
  tokens: Map<string, boolean>;
  sendOverrides: WechatOverride[];
  refused: Set<string>;
  delivered: DeliveredSubscribeMessage[];
}

const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';
const MINI_CODE_PATH = '/wxa/getwxacodeunlimit';

export async function startFakeWechatServer(opts: FakeWechatServerOptions): Promise<FakeWechatServer> {
  const state: WechatState = {
    opts,
    codes: new Map(),
    overrides: [],
    recorded: [],
    timers: new Set(),
    tokens: new Map(),
    sendOverrides: [],
    refused: new Set(),
    delivered: [],
  };
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => res.destroy());
  });
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
    respondNextSend: (...overrides) => void state.sendOverrides.push(...overrides),
    expireAccessTokens() {
      for (const token of state.tokens.keys()) state.tokens.set(token, true);
    },
    refuseSubscription: (openid) => void state.refused.add(openid),
    deliveredMessages: () => [...state.delivered],
    reset() {
      state.overrides.length = 0;
      state.recorded.length = 0;
      state.sendOverrides.length = 0;
      state.refused.clear();
      state.delivered.length = 0;
    },
    close: () => closeFakeServer(server, state.timers),
  };
}

async function handle(state: WechatState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  state.recorded.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams) });
  const body = await readBody(req);
  const sendOverride = url.pathname === SUBSCRIBE_SEND_PATH ? state.sendOverrides.shift() : undefined;
  const override = sendOverride ?? state.overrides.shift();
  if (override?.kind === 'slow') {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      answer(state, url, req.method, body, res);
    }, override.delayMs);
    state.timers.add(timer);
    return;
  }
  if (override?.kind === 'errcode') return sendJsonText(res, errorBody(override.errcode, override.errmsg ?? 'error'));
  if (override?.kind === 'malformed-json') return sendText(res, 200, '<html><body>upstream proxy error</body></html>');
  if (override?.kind === 'http-status') return sendText(res, override.status, 'Bad Gateway');
  answer(state, url, req.method, body, res);
}

function answer(state: WechatState, url: URL, method: string | undefined, body: string, res: ServerResponse): void {
  if (url.pathname === MINI_CODE_PATH) {
    if (method !== 'POST') return sendJsonText(res, errorBody(43002, 'require POST method'));
    const refusal = miniCodeRefusal(state, url.searchParams.get('access_token'), body);
    if (refusal) return sendJsonText(res, refusal);
    const { scene, page } = JSON.parse(body) as { scene: string; page: string };
    void miniCodeImage(`${page}?scene=${scene}`).then((png) => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': png.length });
      res.end(png);
    });
    return;
  }
  if (url.pathname === '/cgi-bin/token') {
    if (method !== 'GET') return sendJsonText(res, errorBody(43001, 'require GET method'));
    return sendJsonText(res, accessToken(state, url.searchParams));
  }
  if (url.pathname === SUBSCRIBE_SEND_PATH) {
    if (method !== 'POST') return sendJsonText(res, errorBody(43002, 'require POST method'));
    return sendJsonText(res, subscribeSend(state, url.searchParams.get('access_token'), body));
  }
  if (url.pathname !== '/sns/jscode2session') return sendJsonText(res, errorBody(40066, 'invalid url'));
  if (method !== 'GET') return sendJsonText(res, errorBody(43001, 'require GET method'));
  sendJsonText(res, code2Session(state, url.searchParams));
}

function accessToken(state: WechatState, query: URLSearchParams): Record<string, unknown> {
  if (query.get('grant_type') !== 'client_credential') return errorBody(40002, 'invalid grant_type');
  if (query.get('appid') !== state.opts.appId) return errorBody(40013, 'invalid appid');
  if (query.get('secret') !== state.opts.secret) return errorBody(40125, 'invalid appsecret');
  const token = `ACCESS_${randomBytes(24).toString('hex')}`;
  state.tokens.set(token, false);
  return { access_token: token, expires_in: 7200 };
}

function subscribeSend(state: WechatState, token: string | null, text: string): Record<string, unknown> {
  if (!token || !state.tokens.has(token)) return errorBody(40001, 'invalid credential, access_token is invalid or not latest');
  if (state.tokens.get(token)) return errorBody(42001, 'access_token expired');
  let body: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return errorBody(47001, 'data format error');
  }
  if (typeof body.touser !== 'string' || body.touser === '') return errorBody(40003, 'invalid openid');
  if (typeof body.template_id !== 'string' || body.template_id === '') return errorBody(40037, 'invalid template_id');
  const data = keywordValues(body.data);
  if (!data) return errorBody(47003, 'argument invalid! data.value invalid');
  if (state.refused.has(body.touser)) return errorBody(43101, 'user refuse to accept the msg');
  state.delivered.push({ touser: body.touser, templateId: body.template_id, page: typeof body.page === 'string' ? body.page : undefined, data, accessToken: token });
  return { errcode: 0, errmsg: 'ok', msgid: Number.parseInt(randomBytes(4).toString('hex'), 16) };
}

function miniCodeRefusal(state: WechatState, token: string | null, text: string): Record<string, unknown> | null {
  if (!token || !state.tokens.has(token)) return errorBody(40001, 'invalid credential, access_token is invalid or not latest');
  if (state.tokens.get(token)) return errorBody(42001, 'access_token expired');
  let body: { scene?: unknown; page?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return errorBody(47001, 'data format error');
  }
  if (typeof body.scene !== 'string' || !/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(body.scene)) return errorBody(40169, 'invalid length for scene, or the data is not json string');
  if (typeof body.page !== 'string' || body.page === '' || body.page.startsWith('/')) return errorBody(41030, 'invalid page');
  return null;
}

/** `{key: {value: string}}` unwrapped, or null when any entry has another shape. */
function keywordValues(data: unknown): Record<string, string> | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(data)) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return null;
    out[key] = value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
