import { createPublicKey, createSign, createVerify, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { acceptTemplateMessage, type DeliveredAlipayMessage } from './fake-alipay-template-message';
import { closeFakeServer } from './close-fake-server';
import { miniCodeImage } from './fake-mini-code-image';

export type { DeliveredAlipayMessage };

/**
 * A stand-in for Alipay's classic gateway (`/gateway.do`) serving `alipay.system.oauth.token`,
 * over real HTTP on 127.0.0.1.
 *
 * Like the real gateway it reads parameters from the query and the form body, checks the
 * protocol parameters, and verifies the request's RSA2 signature with the app public key it was
 * given. It signs every answer with its own RSA-2048 key (`alipayPublicKey` is the matching
 * public key, the one Alipay's console shows). Auth codes are one-time.
 *
 * It also serves `alipay.open.app.mini.templatemessage.send` (subscribe messages): biz_content
 * must name a recipient (to_user_id or to_open_id), a user_template_id and `data` as a JSON string
 * of `{keyword: {value}}`; a user marked as refused gets a 40004 business failure
 * (sub_code USER_UNSUBSCRIBED, the fake's stand-in: the real sub code is not documented to us),
 * and accepted messages are recorded.
 *
 * And `alipay.open.app.qrcode.create` (mini-program codes): biz_content must name `url_param`
 * (the page) and `query_param`; the answer's `qr_code_url` / `qr_code_url_circle_white` point at
 * `/qrcode/<n>.png` on the fake, a PNG QR code holding `<url_param>?<query_param>`.
 */
export interface FakeAlipayServerOptions {
  appId: string;
  /** The app public key "uploaded to the console": PEM or bare base64 SPKI. */
  appPublicKey: string;
  /** How far `timestamp` may be from the fake's clock (default 15 minutes). */
  timestampToleranceMs?: number;
  now?: () => Date;
}

export interface AlipayUser {
  /** 2088… user id; omit (with openId set) to act like an app in OpenID mode. */
  userId?: string;
  openId?: string;
}

export type AlipaySigning = 'valid' | 'missing' | 'tampered' | 'wrong-key';

/** One programmed answer, used by exactly one request (in the order queued). */
export type AlipayOverride =
  | {
      kind: 'error';
      code: string;
      msg: string;
      subCode?: string;
      subMsg?: string;
      /** Which member carries it (default error_response, as oauth.token errors come). */
      member?: 'error_response' | 'method';
      signing?: AlipaySigning;
    }
  /** The normal answer, signed differently: no sign, altered after signing, or signed by another key. */
  | { kind: 'signing'; signing: Exclude<AlipaySigning, 'valid'> }
  /** The normal answer with whitespace inside the signed member (the signature covers the raw text). */
  | { kind: 'spaced-json' }
  /** Hold the normal answer back this long (to drive the client past its timeout). */
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed-json' }
  | { kind: 'http-status'; status: number };

/** Ready-made overrides for the documented gateway and oauth.token errors. */
export const alipayErrors = {
  codeInvalid: { kind: 'error', code: '40002', msg: 'Invalid Arguments', subCode: 'isv.code-invalid', subMsg: '授权码code无效' },
  serviceUnavailable: { kind: 'error', code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error', subMsg: '系统繁忙' },
  systemError: { kind: 'error', code: '20000', msg: 'Service Currently Unavailable', subCode: 'aop.ACQ.SYSTEM_ERROR', subMsg: '系统错误' },
  appCallLimited: { kind: 'error', code: '40005', msg: 'Call Limited', subCode: 'isv.app-call-limited', subMsg: '应用调用次数超限，包含调用频率超限' },
  methodCallLimited: { kind: 'error', code: '40005', msg: 'Call Limited', subCode: 'isv.method-call-limited', subMsg: 'API调用次数超限，包含调用频率超限' },
  insufficientPermissions: {
    kind: 'error',
    code: '40006',
    msg: 'Insufficient Permissions',
    subCode: 'isv.insufficient-isv-permissions',
    subMsg: 'ISV权限不足',
  },
} satisfies Record<string, AlipayOverride>;

export interface RecordedAlipayRequest {
  method: string;
  contentType: string | undefined;
  query: Record<string, string>;
  body: Record<string, string>;
}


export interface FakeAlipayServer {
  /** Give this to AlipayLoginProvider as `gatewayUrl`. */
  gatewayUrl: string;
  /** SPKI PEM of the key the fake signs answers with: the provider's `alipayPublicKey`. */
  alipayPublicKey: string;
  /** Mints a one-time auth code for this user. */
  issueCode(user: AlipayUser): string;
  /** Queues answers for the next requests, one per request. */
  respondNext(...overrides: AlipayOverride[]): void;
  /** Forgets queued overrides and recorded requests, so one server can serve a whole test file. */
  reset(): void;
  requests(): RecordedAlipayRequest[];
  /** Sends to this user id or OpenID fail as not subscribed. */
  refuseSubscription(user: string): void;
  deliveredMessages(): DeliveredAlipayMessage[];
  close(): Promise<void>;
}

export interface AppKeyPair {
  /** SPKI PEM: what the app uploads to Alipay's console. */
  publicKeyPem: string;
  /** The same public key as a bare base64 body. */
  publicKeyBase64: string;
  privateKeyPkcs8Pem: string;
  privateKeyPkcs1Pem: string;
  /** Bare base64 bodies, as Alipay's key tool prints them (PKCS#8 for Java, PKCS#1 otherwise). */
  privateKeyPkcs8Base64: string;
  privateKeyPkcs1Base64: string;
}

const generateRsa = promisify(generateKeyPair);
const OAUTH_METHOD = 'alipay.system.oauth.token';
const OAUTH_MEMBER = 'alipay_system_oauth_token_response';
const SEND_METHOD = 'alipay.open.app.mini.templatemessage.send';
const SEND_MEMBER = 'alipay_open_app_mini_templatemessage_send_response';
const QRCODE_METHOD = 'alipay.open.app.qrcode.create';
const QRCODE_MEMBER = 'alipay_open_app_qrcode_create_response';

/** The answer member of a request: `<method with _>_response`. */
function memberFor(method: string | undefined): string {
  return method === SEND_METHOD ? SEND_MEMBER : method === QRCODE_METHOD ? QRCODE_MEMBER : OAUTH_MEMBER;
}
const DEFAULT_TOLERANCE_MS = 15 * 60 * 1000;

/** A fresh RSA-2048 app key pair, in every shape a provider should accept. */
export async function generateAppKeyPair(): Promise<AppKeyPair> {
  const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const privateKeyPkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const privateKeyPkcs1Pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  return {
    publicKeyPem,
    publicKeyBase64: pemBody(publicKeyPem),
    privateKeyPkcs8Pem,
    privateKeyPkcs1Pem,
    privateKeyPkcs8Base64: pemBody(privateKeyPkcs8Pem),
    privateKeyPkcs1Base64: pemBody(privateKeyPkcs1Pem),
  };
}

interface IssuedCode {
  user: AlipayUser;
  used: boolean;
}

interface AlipayState {
  appId: string;
  appPublicKey: KeyObject;
  signingKey: KeyObject;
  /** Signs 'wrong-key' answers. */
  strangerKey: KeyObject;
  toleranceMs: number;
  now: () => Date;
  codes: Map<string, IssuedCode>;
  overrides: AlipayOverride[];
  recorded: RecordedAlipayRequest[];
  timers: Set<NodeJS.Timeout>;
  refused: Set<string>;
  delivered: DeliveredAlipayMessage[];
  /** Mini-program code images by path, as `qrcode.create` made them. */
  miniCodes: Map<string, string>;
  baseUrl: string;
}

/** What the gateway decided, before it is signed and serialised. */
interface GatewayAnswer {
  member: string;
  payload: Record<string, unknown>;
  signing: AlipaySigning;
  spaced?: boolean;
}

export async function startFakeAlipayServer(opts: FakeAlipayServerOptions): Promise<FakeAlipayServer> {
  const [own, stranger] = await Promise.all([
    generateRsa('rsa', { modulusLength: 2048 }),
    generateRsa('rsa', { modulusLength: 2048 }),
  ]);
  const state: AlipayState = {
    appId: opts.appId,
    appPublicKey: createPublicKey(toSpkiPem(opts.appPublicKey)),
    signingKey: own.privateKey,
    strangerKey: stranger.privateKey,
    toleranceMs: opts.timestampToleranceMs ?? DEFAULT_TOLERANCE_MS,
    now: opts.now ?? (() => new Date()),
    codes: new Map(),
    overrides: [],
    recorded: [],
    timers: new Set(),
    refused: new Set(),
    delivered: [],
    miniCodes: new Map(),
    baseUrl: '',
  };
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;

  return {
    gatewayUrl: `http://127.0.0.1:${port}/gateway.do`,
    alipayPublicKey: own.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    issueCode(user) {
      const code = randomBytes(16).toString('hex');
      state.codes.set(code, { user, used: false });
      return code;
    },
    respondNext: (...overrides) => void state.overrides.push(...overrides),
    requests: () => [...state.recorded],
    refuseSubscription: (user) => void state.refused.add(user),
    deliveredMessages: () => [...state.delivered],
    reset() {
      state.overrides.length = 0;
      state.recorded.length = 0;
      state.refused.clear();
      state.delivered.length = 0;
    },
    close: () => closeFakeServer(server, state.timers),
  };
}

async function handle(state: AlipayState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rawBody = await readBody(req);
  const contentType = req.headers['content-type'];
  const query = Object.fromEntries(url.searchParams);
  // The gateway only reads a form body; any other body leaves the business parameters missing.
  const body = contentType?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(rawBody)) : {};
  state.recorded.push({ method: req.method ?? '', contentType, query, body });
  const image = state.miniCodes.get(url.pathname);
  if (image !== undefined) return sendImage(res, await miniCodeImage(image));
  if (url.pathname !== '/gateway.do') return send(res, 404, 'Not Found');

  const override = state.overrides.shift();
  if (override?.kind === 'slow') {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      send(res, 200, serialise(state, gateway(state, { ...body, ...query })));
    }, override.delayMs);
    state.timers.add(timer);
    return;
  }
  if (override?.kind === 'malformed-json') return send(res, 200, '<html><body>502 Bad Gateway</body></html>');
  if (override?.kind === 'http-status') return send(res, override.status, 'Service Unavailable');
  const params = { ...body, ...query };
  send(res, 200, serialise(state, applyOverride(gateway(state, params), override, memberFor(params.method))));
}

function applyOverride(answer: GatewayAnswer, override: AlipayOverride | undefined, methodMember: string): GatewayAnswer {
  if (override?.kind === 'error') {
    return {
      member: override.member === 'method' ? methodMember : 'error_response',
      payload: errorPayload(override.code, override.msg, override.subCode, override.subMsg),
      signing: override.signing ?? 'valid',
    };
  }
  if (override?.kind === 'signing') return { ...answer, signing: override.signing };
  if (override?.kind === 'spaced-json') return { ...answer, spaced: true };
  return answer;
}

/** The gateway's checks, in the order it reports them: protocol parameters, signature, then the grant. */
function gateway(state: AlipayState, params: Record<string, string>): GatewayAnswer {
  const protocolError = checkProtocol(state, params);
  if (protocolError) return protocolError;
  if (!signatureValid(state, params)) {
    return {
      member: memberFor(params.method),
      payload: errorPayload(
        '40002',
        'Invalid Arguments',
        'isv.invalid-signature',
        // The real gateway quotes the content it verified, HTML-escaped: request parameters included.
        `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${signContent(params).replace(/&/g, '&amp;')}`,
      ),
      signing: 'valid',
    };
  }
  if (params.method === QRCODE_METHOD) return qrcodeCreate(state, params);
  return params.method === SEND_METHOD ? templateMessage(state, params) : grant(state, params);
}

function qrcodeCreate(state: AlipayState, params: Record<string, string>): GatewayAnswer {
  let biz: { url_param?: unknown; query_param?: unknown; describe?: unknown };
  try {
    biz = JSON.parse(params.biz_content ?? '') as typeof biz;
  } catch {
    return gatewayError('40002', 'Invalid Arguments', 'isv.invalid-biz-content', 'biz_content不是JSON', 'valid', QRCODE_MEMBER);
  }
  if (typeof biz.url_param !== 'string' || biz.url_param === '') return gatewayError('40004', 'Business Failed', 'URL_PARAM_ERROR', '小程序页面地址不能为空', 'valid', QRCODE_MEMBER);
  if (typeof biz.query_param !== 'string' || typeof biz.describe !== 'string') return gatewayError('40004', 'Business Failed', 'PARAM_ILLEGAL', '参数不合法', 'valid', QRCODE_MEMBER);
  const path = `/qrcode/${state.miniCodes.size + 1}.png`;
  state.miniCodes.set(path, `${biz.url_param}?${biz.query_param}`);
  const url = `${state.baseUrl}${path}`;
  return { member: QRCODE_MEMBER, payload: { code: '10000', msg: 'Success', qr_code_url: url, qr_code_url_circle_white: url, qr_code_url_circle_blue: url }, signing: 'valid' };
}

function templateMessage(state: AlipayState, params: Record<string, string>): GatewayAnswer {
  const refusal = acceptTemplateMessage(params.biz_content, state.refused, state.delivered);
  if (refusal) return gatewayError(refusal.code, refusal.msg, refusal.subCode, refusal.subMsg, 'valid', SEND_MEMBER);
  return { member: SEND_MEMBER, payload: { code: '10000', msg: 'Success' }, signing: 'valid' };
}

function checkProtocol(state: AlipayState, params: Record<string, string>): GatewayAnswer | null {
  // Protocol errors come in the called method's member, as the real gateway answers them.
  const error = (code: string, msg: string, subCode: string, subMsg: string, signing: AlipaySigning = 'valid') =>
    gatewayError(code, msg, subCode, subMsg, signing, memberFor(params.method));
  if (!params.method) return error('40001', 'Missing Required Arguments', 'isv.missing-method', '缺少方法名参数');
  if (params.method !== OAUTH_METHOD && params.method !== SEND_METHOD && params.method !== QRCODE_METHOD) return error('40002', 'Invalid Arguments', 'isv.invalid-method', '不存在的方法名');
  if (!params.app_id) return error('40001', 'Missing Required Arguments', 'isv.missing-app-id', '缺少AppID参数', 'missing');
  // An unknown app has no keys on file, so this answer cannot be signed.
  if (params.app_id !== state.appId) return error('40002', 'Invalid Arguments', 'isv.invalid-app-id', '无效的AppID参数', 'missing');
  if (!params.sign) return error('40001', 'Missing Required Arguments', 'isv.missing-signature', '缺少签名参数');
  if (!params.sign_type) return error('40001', 'Missing Required Arguments', 'isv.missing-signature-type', '缺少签名类型参数');
  if (params.sign_type !== 'RSA2') return error('40002', 'Invalid Arguments', 'isv.invalid-signature-type', '无效签名类型');
  if (params.charset && params.charset.toLowerCase() !== 'utf-8') return error('40002', 'Invalid Arguments', 'isv.invalid-charset', '字符集错误');
  if (!params.timestamp) return error('40001', 'Missing Required Arguments', 'isv.missing-timestamp', '缺少时间戳参数');
  if (!timestampAcceptable(state, params.timestamp)) return error('40002', 'Invalid Arguments', 'isv.invalid-timestamp', '非法的时间戳参数');
  if (!params.version) return error('40001', 'Missing Required Arguments', 'isv.missing-version', '缺少版本参数');
  return null;
}

function grant(state: AlipayState, params: Record<string, string>): GatewayAnswer {
  if (params.grant_type !== 'authorization_code' && params.grant_type !== 'refresh_token') {
    return { member: 'error_response', payload: errorPayload('40002', 'Invalid Arguments', 'isv.grant-type-invalid', 'grant_type参数不正确'), signing: 'valid' };
  }
  const issued = params.code ? state.codes.get(params.code) : undefined;
  // refresh_token grants are valid upstream but not modelled: no refresh token the fake issued can exist.
  if (params.grant_type !== 'authorization_code' || !issued || issued.used) {
    return { member: 'error_response', payload: errorPayload('40002', 'Invalid Arguments', 'isv.code-invalid', '授权码code无效'), signing: 'valid' };
  }
  issued.used = true;
  return { member: OAUTH_MEMBER, payload: tokenPayload(issued.user), signing: 'valid' };
}

function tokenPayload(user: AlipayUser): Record<string, unknown> {
  return {
    access_token: `authusrB${randomBytes(16).toString('hex')}`,
    ...(user.userId ? { user_id: user.userId } : {}),
    ...(user.openId ? { open_id: user.openId } : {}),
    auth_start: '2024-05-13 17:49:20',
    expires_in: 1296000,
    re_expires_in: 2592000,
    refresh_token: `authusrB${randomBytes(16).toString('hex')}`,
  };
}

function gatewayError(code: string, msg: string, subCode: string, subMsg: string, signing: AlipaySigning = 'valid', member = OAUTH_MEMBER): GatewayAnswer {
  return { member, payload: errorPayload(code, msg, subCode, subMsg), signing };
}

function errorPayload(code: string, msg: string, subCode?: string, subMsg?: string): Record<string, unknown> {
  return { code, msg, ...(subCode ? { sub_code: subCode } : {}), ...(subMsg ? { sub_msg: subMsg } : {}) };
}

/** `{"<member>":<payload>,"sign":"…"}`, the signature covering the payload text exactly as written. */
function serialise(state: AlipayState, answer: GatewayAnswer): string {
  const inner = answer.spaced ? JSON.stringify(answer.payload, null, 1) : JSON.stringify(answer.payload);
  if (answer.signing === 'missing') return `{"${answer.member}":${inner}}`;
  const key = answer.signing === 'wrong-key' ? state.strangerKey : state.signingKey;
  const sign = createSign('RSA-SHA256').update(inner, 'utf8').sign(key, 'base64');
  const sent = answer.signing === 'tampered' ? tamper(answer.payload) : inner;
  return `{"${answer.member}":${sent},"sign":"${sign}"}`;
}

/** The same shape with one value changed after signing: a different user, or a different error. */
function tamper(payload: Record<string, unknown>): string {
  if (typeof payload.user_id === 'string') return JSON.stringify({ ...payload, user_id: '2088000000000666' });
  if (typeof payload.open_id === 'string') return JSON.stringify({ ...payload, open_id: 'tampered-open-id' });
  return JSON.stringify({ ...payload, sub_code: 'isv.code-invalid' === payload.sub_code ? 'isp.unknow-error' : 'isv.code-invalid' });
}

function signatureValid(state: AlipayState, params: Record<string, string>): boolean {
  try {
    return createVerify('RSA-SHA256').update(signContent(params), 'utf8').verify(state.appPublicKey, params.sign ?? '', 'base64');
  } catch {
    return false;
  }
}

/** Every parameter but `sign` with a non-empty value, sorted by name, `k=v` joined with `&`. */
function signContent(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([key, value]) => key !== 'sign' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** `yyyy-MM-dd HH:mm:ss`, read as Beijing time (UTC+8), within the tolerance of the fake's clock. */
function timestampAcceptable(state: AlipayState, timestamp: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(timestamp);
  if (!match) return false;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const sentAt = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  return Math.abs(sentAt - state.now().getTime()) <= state.toleranceMs;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendImage(res: ServerResponse, png: Buffer): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
  res.end(png);
}

function send(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/html;charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

function toSpkiPem(key: string): string {
  if (key.includes('-----BEGIN')) return key;
  const lines = key.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
