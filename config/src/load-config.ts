import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema, type AppConfig } from './config-schema';

export class ConfigError extends Error {}

type Json = Record<string, unknown>;

/** Environment variables that override a config key; the value is parsed as JSON where the key wants it. */
const ENV_OVERRIDES: Record<string, { path: string; kind: 'string' | 'list' | 'bool' | 'json' }> = {
  PORT: { path: 'server.port', kind: 'string' },
  HOST: { path: 'server.host', kind: 'string' },
  DRAIN_GRACE_MS: { path: 'server.drainGraceMs', kind: 'string' },
  SHUTDOWN_GRACE_MS: { path: 'server.shutdownGraceMs', kind: 'string' },
  CORS_ORIGINS: { path: 'server.corsOrigins', kind: 'list' },
  STATIC_DIR: { path: 'server.staticDir', kind: 'string' },
  LOG_LEVEL: { path: 'log.level', kind: 'string' },
  LOG_SYNC: { path: 'log.sync', kind: 'bool' },
  MYSQL_URL: { path: 'storage.mysqlUrl', kind: 'string' },
  SQLITE_PATH: { path: 'storage.sqlitePath', kind: 'string' },
  REDIS_URL: { path: 'storage.redisUrl', kind: 'string' },
  REDIS_CLUSTER_NODES: { path: 'storage.redisClusterNodes', kind: 'list' },
  REDIS_KEY_PREFIX: { path: 'storage.redisKeyPrefix', kind: 'string' },
  REDIS_REPLICA_ACK: { path: 'redis.replicaAck.replicas', kind: 'string' },
  REDIS_REPLICA_ACK_TIMEOUT_MS: { path: 'redis.replicaAck.timeoutMs', kind: 'string' },
  REDIS_TRACKED_READS: { path: 'redis.trackedReads', kind: 'bool' },
  PII_ENCRYPTION_KEY: { path: 'security.piiEncryptionKey', kind: 'string' },
  PII_HASH_KEY: { path: 'security.piiHashKey', kind: 'string' },
  DEV_LOGIN_ENABLED: { path: 'auth.devLoginEnabled', kind: 'bool' },
  WECHAT_APP_ID: { path: 'auth.wechat.appId', kind: 'string' },
  WECHAT_SECRET: { path: 'auth.wechat.secret', kind: 'string' },
  WECHAT_BASE_URL: { path: 'auth.wechat.baseUrl', kind: 'string' },
  ALIPAY_APP_ID: { path: 'auth.alipay.appId', kind: 'string' },
  ALIPAY_PRIVATE_KEY: { path: 'auth.alipay.privateKey', kind: 'string' },
  ALIPAY_PUBLIC_KEY: { path: 'auth.alipay.alipayPublicKey', kind: 'string' },
  ALIPAY_GATEWAY_URL: { path: 'auth.alipay.gatewayUrl', kind: 'string' },
  IDENTITY_REGISTRY: { path: 'identity.registry', kind: 'string' },
  DEMO_SEED: { path: 'demo.seed', kind: 'bool' },
  PICKUP_CODE_KEY: { path: 'masks.pickupCodeKey', kind: 'string' },
  MASK_WORKERS: { path: 'masks.runWorkers', kind: 'bool' },
  CODE_SIGNING_KEYS: { path: 'codes.signingKeys', kind: 'json' },
  NOTIFICATION_WORKERS: { path: 'notifications.enabled', kind: 'bool' },
  HEALTH_RULES_FILE: { path: 'health.rulesFile', kind: 'string' },
  PUBLIC_BASE_URL: { path: 'scanEntry.publicBaseUrl', kind: 'string' },
  WECHAT_QR_VERIFY_FILE: { path: 'scanEntry.wechatVerifyFile', kind: 'json' },
  ALIPAY_QR_VERIFY_FILE: { path: 'scanEntry.alipayVerifyFile', kind: 'json' },
  MINI_CODE_ENV_VERSION: { path: 'scanEntry.miniCodes.weappEnvVersion', kind: 'string' },
  APPOINTMENT_WORKERS: { path: 'appointments.runWorkers', kind: 'bool' },
  VENUES_PUBLIC_HOST: { path: 'venues.publicHost', kind: 'string' },
  VENUE_POSTER_SEED: { path: 'venues.posterSigningSeed', kind: 'string' },
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}

function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(node[p])) node[p] = {};
    node = node[p] as Json;
  }
  node[parts[parts.length - 1]] = value;
}

function parseEnvValue(name: string, raw: string, kind: 'string' | 'list' | 'bool' | 'json'): unknown {
  if (kind === 'list') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (kind === 'bool') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new ConfigError(`Invalid config: ${name} must be true or false, got "${raw}"`);
  }
  if (kind === 'json') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new ConfigError(`Invalid config: ${name} must be JSON`);
    }
  }
  return raw === '' ? null : raw;
}

function readJson(file: string): Json {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (e) {
    throw new ConfigError(`Invalid config file ${file}: ${(e as Error).message}`);
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Folder holding default.json and <env>.json. */
  dir?: string;
  /** Last-applied overrides (tests). */
  overrides?: Json;
}

/**
 * Builds the configuration once: default.json, then <NODE_ENV>.json, then environment
 * variables, then explicit overrides; validated by zod. A bad value throws a ConfigError that
 * names the key, and the server refuses to start.
 */
export function loadConfig(opts: LoadConfigOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? join(__dirname, '..');
  const envName = env.NODE_ENV ?? 'development';
  let merged = deepMerge(readJson(join(dir, 'default.json')), readJson(join(dir, `${envName}.json`)));
  merged.env = envName;
  for (const [name, { path, kind }] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name];
    if (raw !== undefined) setPath(merged, path, parseEnvValue(name, raw, kind));
  }
  if (opts.overrides) merged = deepMerge(merged, opts.overrides);
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid config (NODE_ENV=${envName}):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
