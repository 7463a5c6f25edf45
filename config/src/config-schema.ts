import { z } from 'zod';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)');

export const ConfigSchema = z.object({
  env: z.enum(['development', 'test', 'production']),
  server: z.object({
    host: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65535),
    bodyLimitKb: z.coerce.number().int().min(1).max(1024),
    /** After SIGTERM: the most the drain may take before open connections are cut. */
    shutdownGraceMs: z.coerce.number().int().min(0),
    /** After SIGTERM, how long /readyz answers 503 while traffic is still served, so a load balancer sees the drain. */
    drainGraceMs: z.coerce.number().int().min(0),
    /** Origins allowed by CORS; mini-programs send no Origin, the H5 page does. */
    corsOrigins: z.array(z.string()),
    /** Folder of the built H5 app to serve at '/', or null to serve only the API. */
    staticDir: z.string().nullable(),
    trustProxy: z.boolean(),
  }),
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    /**
     * false: lines go to stdout off the event loop (written by libuv, coalesced under load) and are
     * flushed on exit; only a SIGKILL loses the lines still in flight. true: one blocking write
     * per line (an access-log line per booking cost ≈ 19 % of its CPU that way).
     */
    sync: z.boolean(),
  }),
  storage: z.object({
    /** mysql://user:pass@host:port/db, or null for the embedded SQLite file. */
    mysqlUrl: z.string().url().nullable(),
    sqlitePath: z.string().min(1),
    /** redis://host:port, or null (with no cluster nodes) for the in-process hot store. */
    redisUrl: z.string().url().nullable(),
    /** host:port list of Redis Cluster seed nodes; wins over redisUrl when non-empty. */
    redisClusterNodes: z.array(z.string().regex(/^[^:]+:\d+$/, 'must be host:port')),
    redisKeyPrefix: z.string(),
  }),
  security: z.object({
    /** AES-256-GCM key for ID numbers and names at rest. */
    piiEncryptionKey: hex32,
    /** HMAC-SHA256 key for the look-up hash of ID numbers. */
    piiHashKey: hex32,
    sessionTtlSeconds: z.coerce.number().int().min(60),
  }),
  auth: z.object({
    devLoginEnabled: z.boolean(),
    wechat: z.object({
      appId: z.string(),
      secret: z.string(),
      baseUrl: z.string().url(),
      timeoutMs: z.coerce.number().int().min(100),
    }),
    alipay: z.object({
      appId: z.string(),
      /** PEM (PKCS#8 or PKCS#1) RSA private key of the app, for RSA2 request signing. */
      privateKey: z.string(),
      /** PEM public key of Alipay, for response verification. */
      alipayPublicKey: z.string(),
      gatewayUrl: z.string().url(),
      timeoutMs: z.coerce.number().int().min(100),
    }),
  }),
  identity: z.object({
    /** 'registry': match against the loaded registry table; 'permissive': any well-formed number (development only). */
    registry: z.enum(['registry', 'permissive']),
  }),
  rateLimit: z.object({
    loginPerIpPerMinute: z.coerce.number().int().min(1),
    identityPerAccountPerHour: z.coerce.number().int().min(1),
    maskBookingPerAccountPerMinute: z.coerce.number().int().min(1),
    /** Generous: many citizens share a carrier-grade NAT address at opening time. */
    maskBookingPerIpPerMinute: z.coerce.number().int().min(1),
  }),
  masks: z.object({
    /** HMAC-SHA256 key of pickup codes; rotating it voids outstanding codes. */
    pickupCodeKey: hex32,
    defaultQuantityPerPerson: z.coerce.number().int().min(1).max(100),
    defaultRepeatDays: z.coerce.number().int().min(0).max(365),
    /** Days a pickup code works, counting the pickup date itself. */
    pickupCodeTtlDays: z.coerce.number().int().min(1).max(30),
    /** Run the outbox consumer (Redis → MySQL) and the expiry scheduler in this process. */
    runWorkers: z.boolean(),
  }),
  demo: z.object({
    /** Load demo pharmacies, citizens and an administrator at start (embedded default only). */
    seed: z.boolean(),
  }),
});

export type AppConfig = z.infer<typeof ConfigSchema>;
