import { z } from 'zod';

/** A subscribe-message template id per platform; '' = not set up there (messages for it are skipped). */
const templateIds = z.object({ weapp: z.string(), alipay: z.string() });

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
    /** 无码通行 look-ups per staff account: a door sees a few people an hour without a phone. */
    idNumberLookupPerAccountPerHour: z.coerce.number().int().min(1),
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
  codes: z.object({
    /** Seconds a live personal code (on a phone) stays valid; the app refreshes it before that. */
    liveTtlSeconds: z.coerce.number().int().min(10).max(3600),
    /** Days a printed card (离线码) stays valid; also how long a retired key keeps verifying. */
    printedTtlDays: z.coerce.number().int().min(1).max(366),
    /** How far a verifier's clock may run behind the issuer's. */
    clockSkewSeconds: z.coerce.number().int().min(0).max(600),
    /**
     * Ed25519 signing keys (docs/personal-code.md): the newest whose validFrom has passed signs,
     * older ones keep verifying. Required: without one no code can be issued.
     */
    signingKeys: z
      .array(
        z.object({
          /** 32-byte Ed25519 seed (RFC 8032 private key), 64 hex characters. */
          seed: hex32,
          /** ISO instant from which this key signs. */
          validFrom: z.iso.datetime({ offset: true, message: 'must be an ISO instant, e.g. 2026-01-01T00:00:00Z' }),
        }),
      )
      .min(1, 'set at least one signing key (CODE_SIGNING_KEYS=\'[{"seed":"<64 hex>","validFrom":"<ISO instant>"}]\')')
      .refine((keys) => new Set(keys.map((k) => k.seed.toLowerCase())).size === keys.length, 'each signing key must have its own seed'),
  }),
  notifications: z.object({
    /** Run the notification dispatcher in this process (any number of processes may: rows are claimed). */
    enabled: z.boolean(),
    pollMs: z.coerce.number().int().min(10),
    batchSize: z.coerce.number().int().min(1).max(500),
    /** Send attempts before a row is given up as failed. */
    maxAttempts: z.coerce.number().int().min(1).max(50),
    /** Wait after the first failed attempt; doubles per attempt up to backoffMaxMs. */
    backoffBaseMs: z.coerce.number().int().min(1),
    backoffMaxMs: z.coerce.number().int().min(1),
    /** How long a claimed row stays invisible to other dispatchers; must exceed a send's timeouts. */
    leaseMs: z.coerce.number().int().min(100),
    templates: z.object({
      health_colour_changed: templateIds,
      hall_called: templateIds,
      mask_booked: templateIds,
    }),
  }),
  health: z.object({
    /** The colour rules (docs/health-code.md); relative to the repository root. Null = config/health-rules.json. */
    rulesFile: z.string().min(1).nullable(),
  }),
  privacy: z.object({
    /** Refuse identity binding (403 CONSENT_REQUIRED) until the privacy policy in force is agreed to (docs/privacy.md). */
    consentRequired: z.boolean(),
  }),
  demo: z.object({
    /** Load demo pharmacies, citizens and an administrator at start (embedded default only). */
    seed: z.boolean(),
  }),
});

export type AppConfig = z.infer<typeof ConfigSchema>;
