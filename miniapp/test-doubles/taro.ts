/**
 * A stand-in for `@tarojs/taro` under jest (mapped in jest.config.js): storage is a Map,
 * `request` answers from routes each test programs through `fakeServer`, and navigation/UI
 * calls are jest mocks to assert on.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

export interface RecordedRequest {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
}

export interface FakeAnswer {
  statusCode: number;
  data: unknown;
}

/** A programmed answer: a response, a function computing one, or a failure to reject with. */
export type FakeReply = FakeAnswer | ((req: RecordedRequest) => FakeAnswer) | { reject: unknown };

const storage = new Map<string, unknown>();
const routes = new Map<string, FakeReply[]>();
const requests: RecordedRequest[] = [];

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

function pathOf(url: string): string {
  return new URL(url, 'http://relative.invalid').pathname;
}

export const fakeServer = {
  requests,
  /** Queues replies for a route; the last one keeps answering once the queue runs down. */
  on(method: string, path: string, ...replies: FakeReply[]): void {
    routes.set(routeKey(method, path), replies);
  },
  json(statusCode: number, data: unknown): FakeAnswer {
    return { statusCode, data };
  },
  error(statusCode: number, code: string, details?: unknown): FakeAnswer {
    return { statusCode, data: { error: { code, message: `${code} (test)`, details, requestId: 'req-test' } } };
  },
  requestsTo(path: string): RecordedRequest[] {
    return requests.filter((r) => pathOf(r.url) === path);
  },
};

function nextReply(req: RecordedRequest): FakeReply | undefined {
  const queue = routes.get(routeKey(req.method, pathOf(req.url)));
  if (!queue || queue.length === 0) return undefined;
  return queue.length > 1 ? queue.shift() : queue[0];
}

async function request(options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) {
  const req: RecordedRequest = {
    url: options.url,
    method: (options.method ?? 'GET').toUpperCase(),
    data: options.data,
    header: { ...(options.header ?? {}) },
  };
  requests.push(req);
  await Promise.resolve();
  const reply = nextReply(req);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- Taro rejects with a plain { errMsg } object, not an Error
  if (!reply) throw { errMsg: `request:fail no fake route for ${req.method} ${req.url}` };
  if ('reject' in reply) throw reply.reject;
  const answer = typeof reply === 'function' ? reply(req) : reply;
  return { statusCode: answer.statusCode, data: answer.data, header: {}, errMsg: 'request:ok' };
}

let loginCount = 0;
let routerParams: Record<string, string> = {};

const Taro = {
  request,
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    // Real storage serialises; a deep copy keeps tests honest about mutation.
    storage.set(key, JSON.parse(JSON.stringify(value)));
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  clearStorageSync: (): void => storage.clear(),
  login: jest.fn(async () => {
    loginCount += 1;
    return { code: `wx-code-${loginCount}`, errMsg: 'login:ok' };
  }),
  getAuthCode: jest.fn(async (_options: { scopes: string }) => ({ authCode: 'ali-auth-code', code: 'ali-auth-code' })),
  scanCode: jest.fn(async (_options?: unknown): Promise<Record<string, string>> => ({ result: 'scanned-text' })),
  getLocation: jest.fn(async (_options?: unknown) => ({ latitude: 31.23, longitude: 121.47 })),
  requestSubscribeMessage: jest.fn(async (_options: unknown): Promise<Record<string, unknown>> => ({ errMsg: 'requestSubscribeMessage:ok' })),
  setClipboardData: jest.fn(async (_options: { data: string }) => ({ errMsg: 'setClipboardData:ok' })),
  showToast: jest.fn(async (_options: { title: string; icon?: string }) => undefined),
  showModal: jest.fn(async (_options: unknown) => ({ confirm: true, cancel: false })),
  navigateTo: jest.fn(async (_options: { url: string }) => undefined),
  navigateBack: jest.fn(async (_options?: unknown) => undefined),
  reLaunch: jest.fn(async (_options: { url: string }) => undefined),
  redirectTo: jest.fn(async (_options: { url: string }) => undefined),
};

/** Runs once when the component mounts (launch, load, ready). */
function useOnMount(callback: () => void): void {
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

/** What onLaunch / onShow hand the app: `setLaunchOptions` before rendering, `pageLifecycle.show(options)` later. */
export interface FakeLaunchOptions {
  path?: string;
  query?: Record<string, unknown>;
  scene?: number | string;
}
type Listener = (options?: FakeLaunchOptions) => void;
let launchOptions: FakeLaunchOptions = { path: 'pages/index/index', query: {}, scene: 1001 };

export function setLaunchOptions(options: FakeLaunchOptions): void {
  launchOptions = options;
}

const showListeners = new Set<Listener>();
const hideListeners = new Set<Listener>();

/** Like Taro's hooks: the latest callback runs; registered while mounted (the first show carries the launch options). */
function useListener(listeners: Set<Listener>, callback: Listener, callOnMount: boolean): void {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    const listener: Listener = (options) => latest.current(options);
    listeners.add(listener);
    if (callOnMount) listener(launchOptions);
    return () => {
      listeners.delete(listener);
    };
  }, [listeners, callOnMount]);
}

/** Page lifecycle hooks: under jest a page "shows" when it mounts; `pageLifecycle` hides/shows it again. */
export function useDidShow(callback: Listener): void {
  useListener(showListeners, callback, true);
}
export function useDidHide(callback: () => void): void {
  useListener(hideListeners, callback, false);
}
export function useLaunch(callback: (options: FakeLaunchOptions) => void): void {
  useOnMount(() => callback(launchOptions));
}
export const useLoad = useOnMount;
export const useReady = useOnMount;

/** Another page was opened on top (hide), then the user came back (show). Wrap in act(). */
export const pageLifecycle = {
  hide: () => hideListeners.forEach((l) => l()),
  /** The app back from the background; `options` as the platform's onShow gives them (a warm-start scan). */
  show: (options?: FakeLaunchOptions) => showListeners.forEach((l) => l(options)),
};

/** The page's query parameters, as a test set them with `setRouterParams` before rendering. */
export function useRouter(): { path: string; params: Record<string, string> } {
  return { path: '', params: routerParams };
}

export function setRouterParams(params: Record<string, string>): void {
  routerParams = { ...params };
}

export function resetTaroFake(): void {
  storage.clear();
  routes.clear();
  requests.length = 0;
  loginCount = 0;
  routerParams = {};
  launchOptions = { path: 'pages/index/index', query: {}, scene: 1001 };
  Object.values(Taro).forEach((value) => {
    if (typeof value === 'function' && 'mockClear' in value) (value as jest.Mock).mockClear();
  });
}

export const taroStorage = storage;
export default Taro;
