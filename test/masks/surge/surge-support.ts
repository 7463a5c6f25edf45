import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Cluster } from 'ioredis';
import { loadConfig, deepMerge, type AppConfig } from '@govpass/config';
import { maskIdNumber, maskName, withCheckChar, type LoginChannel, type MaskedIdentity } from '@govpass/shared-types';
import { buildApp, type AppDeps, type GovpassApp } from '../../../bff/src/app';
import { allShardKeys } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { addDays, chinaDateOf } from '../../../bff/src/core/china-date';
import { PiiCipher } from '../../../bff/src/infra/crypto/pii-cipher';
import { closeRedisClient, type RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { clusterStorage, connectOrFail, keysUnder, REDIS_CLUSTER_TEST_NODES, standaloneStorage } from '../../hot-store/redis-test-support';
import { createScratchDatabase, REDIS_URL, type ScratchDatabase } from '../../support/test-services';
import { parseMaybeJson } from '../../support/http-request';
import { mapBounded } from '../../../bff/src/domains/masks/hot-path/hot-path-settings';

/**
 * Shared by the surge, crash and recovery suites: the real app (buildApp) on a scratch MariaDB
 * database and the real Redis (standalone or the 3-master Cluster) under a unique key prefix, an
 * HTTP client with a bounded keep-alive pool, and bulk set-up of verified citizens.
 */

export const BOOK_PATH = '/api/v1/masks/reservations';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any route
  /** The answer's headers (Retry-After of a 503 …). */
  headers?: IncomingHttpHeaders;
}

/** A transport failure (connection reset / refused, timeout) instead of an HTTP answer. */
export interface Failure {
  status: 0;
  error: string;
  body: null;
}

export type Outcome = Reply | Failure;

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * node:http with a keep-alive agent: `maxSockets` bounds the requests in flight, and resolves a
 * transport failure as `{ status: 0, error }` (a crash test expects some).
 */
export class HttpClient {
  readonly agent: Agent;
  private base: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  retarget(baseUrl: string): void {
    this.base = new URL(baseUrl);
  }

  request(method: string, path: string, opts: RequestOptions = {}): Promise<Outcome> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: Buffer | undefined;
    if (opts.body !== undefined) {
      payload = Buffer.from(JSON.stringify(opts.body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise((resolve) => {
      let settled = false;
      const done = (o: Outcome) => {
        if (!settled) {
          settled = true;
          resolve(o);
        }
      };
      const req = httpRequest(
        { host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => done({ status: 0, error: String(err), body: null }));
          res.on('end', () => {
            done({ status: res.statusCode ?? 0, body: parseMaybeJson(Buffer.concat(chunks).toString('utf8')), headers: res.headers });
          });
        },
      );
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error('client timeout')));
      req.on('error', (err) => done({ status: 0, error: String(err), body: null }));
      req.end(payload);
    });
  }

  book(token: string, pharmacyId: string, key: string, personId?: string): Promise<Outcome> {
    return this.request('POST', BOOK_PATH, { token, body: personId ? { pharmacyId, personId } : { pharmacyId }, headers: { 'Idempotency-Key': key } });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function newKey(label = 'k'): string {
  return `${label}-${randomBytes(9).toString('base64url')}`;
}

export type StoreKind = 'standalone' | 'cluster';

/** A ready admin client WITHOUT key prefix (to look at and delete the suite's keys), or a clear "start it" error. */
export async function adminRedis(kind: StoreKind): Promise<RedisClient> {
  return connectOrFail(kind === 'cluster' ? clusterStorage('') : standaloneStorage(''));
}

export function uniqueSurgePrefix(label: string): string {
  return `gptest:surge-${label}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** A test file's app and admin client; both are set once its first beforeAll ran. */
export interface SurgeWorld {
  readonly prefix: string;
  admin: RedisClient;
  s: SurgeApp;
}

/**
 * The set-up every surge file shares: registers the beforeAll that connects the admin client and
 * starts the app under a fresh key prefix, and the afterAll that closes the app, deletes the
 * prefix's keys and closes the admin client. Call it at the top of a file (or describe); the
 * file's own beforeAll, registered after it, runs after it.
 */
export function useSurgeWorld(opts: Omit<SurgeAppOptions, 'prefix'> & { label: string }): SurgeWorld {
  const { label, ...appOptions } = opts;
  const world = { prefix: uniqueSurgePrefix(label) } as SurgeWorld;
  beforeAll(async () => {
    world.admin = await adminRedis(opts.kind);
    world.s = await startSurgeApp({ ...appOptions, prefix: world.prefix });
  }, 60_000);
  afterAll(async () => {
    await (world.s as SurgeApp | undefined)?.close();
    if ((world.admin as RedisClient | undefined) !== undefined) await deleteKeysUnder(world.admin, world.prefix);
    await closeAdmin(world.admin);
  }, 30_000);
  return world;
}

export interface SurgeAppOptions {
  kind: StoreKind;
  prefix: string;
  /** Reuse a scratch database (e.g. one the in-process app seeded); else a fresh one is made and dropped on close. */
  scratch?: ScratchDatabase;
  now?: () => number;
  overrides?: Record<string, unknown>;
  maxSockets?: number;
}

export interface SurgeApp {
  app: GovpassApp;
  config: AppConfig;
  scratch: ScratchDatabase;
  baseUrl: string;
  http: HttpClient;
  /** Warnings and errors the app logged (level warn). */
  logs(): string;
  close(opts?: { keepDatabase?: boolean }): Promise<void>;
}

/** Config of the suites: test config + scratch MySQL + the chosen Redis under `prefix`. */
export function surgeConfig(kind: StoreKind, mysqlUrl: string, prefix: string, overrides: Record<string, unknown> = {}): AppConfig {
  const storage =
    kind === 'cluster'
      ? { mysqlUrl, redisUrl: null, redisClusterNodes: REDIS_CLUSTER_TEST_NODES, redisKeyPrefix: prefix }
      : { mysqlUrl, redisUrl: REDIS_URL, redisClusterNodes: [], redisKeyPrefix: prefix };
  return loadConfig({ env: { NODE_ENV: 'test' }, overrides: deepMerge({ storage, log: { level: 'warn' } }, overrides) });
}

/** The real app through its composition root, served on an ephemeral port. */
export async function startSurgeApp(opts: SurgeAppOptions): Promise<SurgeApp> {
  const scratch = opts.scratch ?? (await createScratchDatabase());
  const ownScratch = !opts.scratch;
  const config = surgeConfig(opts.kind, scratch.url, opts.prefix, opts.overrides);
  let logText = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      if (logText.length < 2_000_000) logText += chunk.toString();
      cb();
    },
  });
  const deps: AppDeps = { logDestination: sink };
  if (opts.now) deps.now = opts.now;
  let app: GovpassApp;
  try {
    app = await buildApp(config, deps);
  } catch (err) {
    if (ownScratch) await scratch.drop();
    throw err;
  }
  const server: Server = createServer(app.handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new HttpClient(baseUrl, opts.maxSockets ?? 200);
  return {
    app,
    config,
    scratch,
    baseUrl,
    http,
    logs: () => logText,
    async close(closeOpts = {}) {
      http.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      if (ownScratch && !closeOpts.keepDatabase) await scratch.drop();
    },
  };
}

// ------------------------------------------------------------------ people

export interface Citizen {
  personId: string;
  accountId: string;
  token: string;
  /** The masked name and ID number a login of this verified account puts into its session. */
  identity: MaskedIdentity;
}

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟'];
let personSerial = 0;

/** A session as AuthService issues it at login of a verified account (with the person, so no MySQL read when booking). */
export async function issueSession(app: GovpassApp, c: Omit<Citizen, 'token'>, channel: LoginChannel = 'weapp'): Promise<string> {
  return (await app.services.sessions.issue({ accountId: c.accountId, channel, person: { personId: c.personId, identity: c.identity } })).token;
}

/**
 * `n` verified people, fast: persons + accounts rows inserted in bulk with ciphertexts the app
 * decrypts (its own PiiCipher keys), then one session each from the app's SessionStore.
 */
export async function createCitizens(app: GovpassApp, n: number, opts: { channel?: LoginChannel; insertChunk?: number; sessionConcurrency?: number } = {}): Promise<Citizen[]> {
  const cipher = new PiiCipher(app.config.security.piiEncryptionKey, app.config.security.piiHashKey);
  const db = app.database.db;
  const channel = opts.channel ?? 'weapp';
  const chunk = opts.insertChunk ?? 1000;
  const now = Date.now();
  const people: Omit<Citizen, 'token'>[] = [];
  for (let start = 0; start < n; start += chunk) {
    const persons = [];
    const accounts = [];
    for (let i = start; i < Math.min(n, start + chunk); i++) {
      const k = ++personSerial;
      const personId = randomUUID();
      const accountId = randomUUID();
      const year = 1950 + (k % 50);
      const month = String((k % 12) + 1).padStart(2, '0');
      const day = String((k % 28) + 1).padStart(2, '0');
      const idNumber = withCheckChar(`340104${year}${month}${day}${String(k % 1000).padStart(3, '0')}`);
      const name = SURNAMES[k % SURNAMES.length] + GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length];
      persons.push({
        id: personId,
        // The look-up hash must be unique; the ID numbers above repeat after 16,800 people.
        id_hash: randomBytes(32).toString('hex'),
        id_cipher: cipher.encrypt(idNumber),
        name_cipher: cipher.encrypt(name),
        birth_date: `${year}-${month}-${day}`,
        created_at: now,
      });
      accounts.push({ id: accountId, channel, channel_user_id: `surge-${accountId}`, union_id: null, person_id: personId, created_at: now });
      people.push({ personId, accountId, identity: { name: maskName(name), idNumber: maskIdNumber(idNumber) } });
    }
    await db.insertInto('persons').values(persons).execute();
    await db.insertInto('accounts').values(accounts).execute();
  }
  const tokens = await mapLimit(people, opts.sessionConcurrency ?? 256, (p) => issueSession(app, p, channel));
  return people.map((p, i) => ({ ...p, token: tokens[i] }));
}

/** Another account (another channel) bound to an existing person, with a session. */
export async function addAccount(app: GovpassApp, of: Citizen, channel: LoginChannel): Promise<Citizen> {
  const accountId = randomUUID();
  await app.database.db.insertInto('accounts').values({ id: accountId, channel, channel_user_id: `surge-${channel}-${accountId}`, union_id: null, person_id: of.personId, created_at: Date.now() }).execute();
  const account = { personId: of.personId, accountId, identity: of.identity };
  return { ...account, token: await issueSession(app, account, channel) };
}

/** An account (no person) holding `role`, with a session. */
export async function operator(app: GovpassApp, role: 'admin' | 'pharmacist', scopeId: string | null = null): Promise<{ accountId: string; token: string }> {
  const accountId = randomUUID();
  await app.database.db.insertInto('accounts').values({ id: accountId, channel: 'h5', channel_user_id: `surge-op-${accountId}`, union_id: null, person_id: null, created_at: Date.now() }).execute();
  await app.services.roles.grant('test', { accountId, role, scopeId }, null);
  return { accountId, token: (await app.services.sessions.issue({ accountId, channel: 'h5' })).token };
}

// ------------------------------------------------------------------ round set-up through the admin API

export interface RoundSetup {
  pharmacies: { id: string; quota: number }[];
  /** Default: opened a minute ago. */
  opensAt?: number;
  /** Default: in three hours. */
  closesAt?: number;
  /** Default: the day after closing (China time). */
  pickupDate?: string;
  now?: number;
}

export async function expectStatus(p: Promise<Outcome>, status: number, what: string): Promise<Reply> {
  const res = await p;
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body ?? (res as Failure).error)}`);
  return res;
}

/** Pharmacies, an open first-come round and its quotas, through the admin API. Returns the round id. */
export async function setUpRound(s: SurgeApp, setup: RoundSetup): Promise<string> {
  const admin = await operator(s.app, 'admin');
  const now = setup.now ?? Date.now();
  const opensAt = setup.opensAt ?? now - 60_000;
  const closesAt = setup.closesAt ?? now + 3 * 3_600_000;
  for (const [i, p] of setup.pharmacies.entries()) {
    await expectStatus(
      s.http.request('POST', '/api/v1/admin/pharmacies', {
        token: admin.token,
        body: { id: p.id, name: `冲击药房${i + 1}`, address: `长江中路${i + 1}号`, district: '庐阳区', lat: 31.86 + i / 1000, lng: 117.28 + i / 1000, phone: '0551-62600000', openingHours: '08:00-21:00' },
      }),
      201,
      `create pharmacy ${p.id}`,
    );
  }
  const round = await expectStatus(
    s.http.request('POST', '/api/v1/admin/masks/rounds', {
      token: admin.token,
      body: {
        name: '冲击测试轮',
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        pickupDate: setup.pickupDate ?? addDays(chinaDateOf(closesAt), 1),
      },
    }),
    201,
    'create round',
  );
  const roundId = round.body.round.id as string;
  await expectStatus(
    s.http.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items: setup.pharmacies.map((p) => ({ pharmacyId: p.id, quota: p.quota })) } }),
    200,
    'set quotas',
  );
  return roundId;
}

// ------------------------------------------------------------------ concurrency, polling, Redis

/** Bounded concurrency, shared with the hot path. */
export const mapLimit = mapBounded;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `done(value)`, or fails after `timeoutMs` showing the last value. */
export async function pollUntil<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms; last value ${JSON.stringify(last)}`);
    await sleep(everyMs);
  }
}

/** Entries still in the 64 outbox streams (acknowledged entries are deleted), under `prefix`. */
export async function outboxBacklog(admin: RedisClient, prefix: string): Promise<number> {
  const lens = await Promise.all(allShardKeys().map((s) => admin.xlen(prefix + s.outbox)));
  return lens.reduce((a, b) => a + b, 0);
}

/** SCAN + DEL of every key under `prefix` (every master of a Cluster, one key per DEL). */
export async function deleteKeysUnder(admin: RedisClient, prefix: string): Promise<number> {
  const keys = await keysUnder(admin, prefix);
  await mapLimit(keys, 500, (k) => admin.del(k));
  return keys.length;
}

export async function closeAdmin(admin: RedisClient | undefined): Promise<void> {
  if (admin) await closeRedisClient(admin);
}

/** host:port of the master serving `key` (raw, i.e. with the prefix). */
export async function masterOfKey(admin: Cluster, key: string): Promise<string> {
  const slot = Number(await admin.cluster('KEYSLOT', key));
  const ranges = (await admin.cluster('SLOTS')) as unknown as [number, number, [string, number]][];
  const r = ranges.find(([from, to]) => slot >= from && slot <= to);
  if (!r) throw new Error(`slot ${slot} not served`);
  return `${r[2][0]}:${r[2][1]}`;
}

/** Counts answers by "status code" / "status" for messages. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const o of outcomes) {
    const k = o.status === 0 ? `transport: ${(o as Failure).error.slice(0, 60)}` : `${o.status} ${o.body?.error?.code ?? ''}`.trim();
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
}

/** The app's log lines at level warn or above (pino JSON), for "nothing went wrong underneath". */
export function warnings(s: SurgeApp): { level: number; msg: string }[] {
  return s
    .logs()
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .filter((l) => l.level >= 40)
    .map(({ level, msg }) => ({ level, msg }));
}

export function report(line: string): void {
  console.log(`[surge] ${line}`);
}

// ------------------------------------------------------------------ the real server process

export const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Variables the server reads (config/src/load-config.ts ENV_OVERRIDES, wiring/platform.ts INSTANCE_NAME). */
const SERVER_ENV_KEYS = new Set([
  'NODE_ENV', 'PORT', 'HOST', 'CORS_ORIGINS', 'STATIC_DIR', 'LOG_LEVEL', 'MYSQL_URL', 'SQLITE_PATH', 'REDIS_URL', 'REDIS_CLUSTER_NODES',
  'REDIS_KEY_PREFIX', 'PII_ENCRYPTION_KEY', 'PII_HASH_KEY', 'DEV_LOGIN_ENABLED', 'WECHAT_APP_ID', 'WECHAT_SECRET', 'WECHAT_BASE_URL',
  'ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY', 'ALIPAY_GATEWAY_URL', 'IDENTITY_REGISTRY', 'DEMO_SEED', 'PICKUP_CODE_KEY',
  'MASK_WORKERS', 'INSTANCE_NAME',
]);

export interface ServerProcess {
  url: string;
  pid: number;
  exited: Promise<number | null>;
  output(): string;
  /** Signals the whole process group (tsx runs the server in a child process of its own). */
  signal(sig: NodeJS.Signals): void;
  /** Resolves once no process of the group is left. */
  gone(timeoutMs?: number): Promise<void>;
}

/**
 * `tsx bff/src/server.ts` in a process group of its own (detached), so that a SIGKILL reaches the
 * server itself and not only tsx's wrapper; resolves with the URL it prints.
 */
export async function spawnServer(env: Record<string, string>, readyTimeoutMs = 40_000): Promise<ServerProcess> {
  // Only `env` configures the server: nothing of the caller's shell (MASK_WORKERS, INSTANCE_NAME, …) leaks in.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SERVER_ENV_KEYS.has(k)));
  const proc = spawn(TSX, ['bff/src/server.ts'], { cwd: ROOT, env: { ...inherited, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = proc.pid;
  if (pid === undefined) throw new Error('could not spawn the server');
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const server: ServerProcess = {
    url: '',
    pid,
    exited,
    output: () => out,
    signal(sig) {
      if (groupAlive()) process.kill(-pid, sig);
    },
    async gone(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (groupAlive()) {
        if (Date.now() > deadline) throw new Error(`server process group ${pid} still alive after ${timeoutMs} ms`);
        await sleep(50);
      }
    },
  };
  try {
    server.url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in ${readyTimeoutMs} ms:\n${out}`)), readyTimeoutMs);
      proc.stdout.on('data', () => {
        const m = /running at http:\/\/localhost:(\d+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolveUrl(`http://127.0.0.1:${m[1]}`);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
      });
    });
  } catch (err) {
    server.signal('SIGKILL');
    throw err;
  }
  return server;
}
