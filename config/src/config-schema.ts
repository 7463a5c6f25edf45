import { z } from 'zod';

/** A subscribe-message template id per platform; '' = not set up there (messages for it are skipped). */
const templateIds = z.object({ weapp: z.string(), alipay: z.string() });

/** A domain-verification file a platform asks to find on our host (docs/scan-entry.md). */
const verifyFile = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}\.txt$/, 'must be the file name the platform gave, e.g. Ab12Cd34Ef.txt'),
    content: z.string().min(1).max(512),
  })
  .nullable();

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
    /**
     * Cluster transitions (MOVED, TRYAGAIN, CLUSTERDOWN, NOSCRIPT, a failing master) a Redis call
     * rides out before its request answers 503 STORE_UNAVAILABLE: docs/cluster-failover.md.
     */
    redisRetry: z.object({
      budgetMs: z.coerce.number().int().min(0).max(10_000),
      attempts: z.coerce.number().int().min(1).max(20),
    }),
    /** Cluster: the slot map is re-read this often besides on MOVED (every client, the consumers' too); 0 = only on MOVED. */
    redisSlotsRefreshMs: z.coerce.number().int().min(0),
    /**
     * /readyz fails (check `streamLag`) while the oldest entry waiting in an outbox / durable stream
     * is older than this; 0 = never. The lag is on /metrics either way.
     */
    streamLagReadyMs: z.coerce.number().int().min(0),
  }),
  redis: z.object({
    /**
     * "Acknowledged means replicated": every outbox writer (mask bookings, venue check-ins,
     * durable-stream appends) answers only once its entry is on `replicas` replicas (Redis WAIT on
     * the node that wrote it); not in time → 503 STORE_UNAVAILABLE, whose same-key retry replays.
     * 0 = off (standalone without replicas). Keep timeoutMs below the client's command timeout.
     */
    replicaAck: z
      .object({
        replicas: z.coerce.number().int().min(0).max(16),
        timeoutMs: z.coerce.number().int().min(1).max(60_000),
      }),
    /**
     * Sessions and health statuses held in process until Redis says they changed (CLIENT TRACKING;
     * standalone Redis only, docs/benchmarks.md "tracked reads"). false: read Redis on every request.
     */
    trackedReads: z.boolean(),
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
    /** Wrong short 取货码 a pharmacist may type per minute; the one that reaches it locks typing. */
    shortCodeMissesPerMinute: z.coerce.number().int().min(1).max(100),
    /** How long typing short codes stays locked after that (scanning still works). */
    shortCodeLockMinutes: z.coerce.number().int().min(1).max(1440),
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
    /**
     * Redis Cluster booking saga: how long the attempt holding a person's pending hold owns it.
     * A booking whose BFF died mid-saga blocks the person at most this long: then a retry with
     * the same Idempotency-Key resumes it and a new attempt takes the hold over.
     */
    holdLeaseMs: z.coerce.number().int().min(200).max(60_000),
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
      hall_turn_near: templateIds.default({ weapp: '', alipay: '' }),
      appointment_offered: templateIds,
      mask_round_changed: templateIds.default({ weapp: '', alipay: '' }),
    }),
  }),
  health: z.object({
    /** The colour rules (docs/health-code.md); relative to the repository root. Null = config/health-rules.json. */
    rulesFile: z.string().min(1).nullable(),
  }),
  scanEntry: z.object({
    /** https://<public host> the printed codes point at; null = the origin of the request (development). */
    publicBaseUrl: z.string().url().refine((u) => !/[?#]/.test(u), 'must be an origin with an optional path, no query').nullable(),
    /** WeChat's file for 扫普通链接二维码打开小程序, served at /<name> and /s/<name>. */
    wechatVerifyFile: verifyFile,
    /** Alipay's file for 关联普通二维码, served the same way. */
    alipayVerifyFile: verifyFile,
    miniCodes: z.object({
      /** The page a mini-program code opens (no leading /): the app routes from there, as for printed URLs. */
      page: z.string().regex(/^[A-Za-z0-9_/-]+$/),
      /** wxacode.getUnlimited env_version: which WeChat version the code opens. */
      weappEnvVersion: z.enum(['release', 'trial', 'develop']),
      /** How long a fetched code is kept in this process (codes never expire upstream). */
      cacheTtlSeconds: z.coerce.number().int().min(0),
    }),
  }),
  /** The service hall's queue (docs/hall.md). */
  hallQueue: z
    .object({
      /** Remote tickets only within this distance of a hall with a location, metres. */
      remoteMaxMetres: z.coerce.number().int().min(0).default(2000),
      /** Head start in minutes of appointment holders and priority tickets (aging beats it). */
      appointmentBonusMin: z.coerce.number().int().min(0).default(60),
      priorityBonusMin: z.coerce.number().int().min(0).default(30),
      /** Appointment/priority calls in a row before one normal ticket (0 = no ratio). */
      preferredPerNormal: z.coerce.number().int().min(0).default(2),
      /** Age from which a person's ticket is a priority ticket (elderly). */
      elderlyAge: z.coerce.number().int().min(50).default(70),
      /** "Your turn is near" when a ticket reaches this position. */
      nearPosition: z.coerce.number().int().min(1).default(3),
    })
    .default({ remoteMaxMetres: 2000, appointmentBonusMin: 60, priorityBonusMin: 30, preferredPerNormal: 2, elderlyAge: 70, nearPosition: 3 }),
  /** Service-hall appointments (预约) and ratings (好差评): docs/appointments.md. */
  appointments: z.object({
    /** Length of a slot when the hall's service names none. */
    slotMinutes: z.coerce.number().int().min(5).max(240),
    /** Places per slot when the hall's service names none. */
    defaultSlotCapacity: z.coerce.number().int().min(1).max(1000),
    /** Bookable from the next working day up to this many working days ahead. */
    bookableWorkingDaysAhead: z.coerce.number().int().min(1).max(60),
    /** Cancel or reschedule until this many hours before the slot starts. */
    cancelHoursBefore: z.coerce.number().min(0).max(72),
    /** An arrival this many minutes before the slot's start up to its end + this counts as on time. */
    arrivalToleranceMinutes: z.coerce.number().int().min(0).max(120),
    /** noShowLimit no-shows within noShowWindowDays block booking for noShowBlockDays. */
    noShowLimit: z.coerce.number().int().min(1).max(100),
    noShowWindowDays: z.coerce.number().int().min(1).max(365),
    noShowBlockDays: z.coerce.number().int().min(0).max(365),
    /** A 差评's follow-up is due this many working days later. */
    followUpWorkingDays: z.coerce.number().int().min(1).max(60),
    /** Run the no-show sweeper in this process. */
    runWorkers: z.boolean(),
    sweepIntervalMs: z.coerce.number().int().min(1000),
  }),
  venues: z.object({
    /**
     * Host (and port) in the poster QR: https://<publicHost>/s/venue/<code>. Derived, never set
     * twice: null (the default) = the host of scanEntry.publicBaseUrl, the one public address of
     * printed codes; without one (development), localhost:<server.port>. Set only on a deployment
     * without PUBLIC_BASE_URL; when both are set they must name the same host.
     */
    publicHost: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'must be a host name, optionally :port').nullable(),
    /**
     * Ed25519 seed of the poster key (posters live for months: not the personal-code key ring).
     * Null: derived from security.piiHashKey (HMAC), stable as long as that key is.
     */
    posterSigningSeed: hex32.nullable(),
    /** The same person at the same venue within this many minutes is one check-in. */
    dedupeMinutes: z.coerce.number().int().min(1).max(24 * 60),
    /** Check-ins a person may make per day (China time); more answer 429 CHECKIN_LIMIT. */
    dailyCheckinCap: z.coerce.number().int().min(1).max(1000),
    /** Check-ins older than this are deleted (scheduled job, `admin purge-checkins`). */
    retentionDays: z.coerce.number().int().min(1).max(365),
    /** Tracing: people at a case's venue from this long before … */
    traceBeforeMinutes: z.coerce.number().int().min(0).max(24 * 60),
    /** … to this long after the case's check-in are exposed. */
    traceAfterMinutes: z.coerce.number().int().min(0).max(24 * 60),
  }),
  privacy: z.object({
    /** Refuse identity binding (403 CONSENT_REQUIRED) until the privacy policy in force is agreed to (docs/privacy.md). */
    consentRequired: z.boolean(),
    /**
     * Records kept after their purpose ended are deleted once older than these many days
     * (docs/privacy.md "Retention purge"; hourly job with the workers, `admin purge-retention`).
     * Nothing still running (a reservation to collect, a waiting ticket, a booked slot) is touched.
     */
    retention: z.object({
      /** Collected, expired and cancelled mask reservations and decided lottery applications (by booking time). */
      maskReservationDays: z.coerce.number().int().min(30).max(3650),
      /** Finished hall tickets (by when they were taken): the wait and ETA reports look back this far. */
      hallTicketDays: z.coerce.number().int().min(30).max(3650),
      /** Past and cancelled appointments (by the slot's end). */
      appointmentDays: z.coerce.number().int().min(30).max(3650),
      /** Ratings and their follow-ups (by when rated). */
      hallRatingDays: z.coerce.number().int().min(30).max(3650),
      /** A deletion's mark (account_erasures): outlives a booking in flight by far. */
      erasureMarkDays: z.coerce.number().int().min(1).max(365),
    }),
  }),
  demo: z.object({
    /** Load demo pharmacies, citizens and an administrator at start (embedded default only). */
    seed: z.boolean(),
  }),
}).superRefine((c, ctx) => {
  const poster = posterHostOf(c);
  if ('error' in poster) ctx.addIssue({ code: 'custom', path: ['venues', 'publicHost'], message: poster.error });
  // Printed codes outlive deployments: in production they must name the public https host, never the
  // request's Host header or a development default (docs/scan-entry.md, docs/venues.md).
  if (c.env !== 'production') return;
  if (!c.scanEntry.publicBaseUrl?.startsWith('https://')) {
    ctx.addIssue({ code: 'custom', path: ['scanEntry', 'publicBaseUrl'], message: 'set PUBLIC_BASE_URL to the https origin printed codes point at' });
  }
  if ('host' in poster && /^(localhost|127\.|0\.0\.0\.0)/.test(poster.host)) {
    ctx.addIssue({ code: 'custom', path: ['venues', 'publicHost'], message: 'venue posters would print a local host: set PUBLIC_BASE_URL to the public https origin' });
  }
}).transform((c) => ({ ...c, venues: { ...c.venues, publicHost: (posterHostOf(c) as { host: string }).host } }));

export type AppConfig = z.infer<typeof ConfigSchema>;

/**
 * The venue posters' host from the one public address (scanEntry.publicBaseUrl), or the explicit
 * venues.publicHost where there is none. Posters are https://<host>/s/venue/<code> at the host's
 * root, so a base URL with a path cannot serve them.
 */
function posterHostOf(c: { server: { port: number }; scanEntry: { publicBaseUrl: string | null }; venues: { publicHost: string | null } }): { host: string } | { error: string } {
  const base = c.scanEntry.publicBaseUrl;
  if (base === null) return { host: c.venues.publicHost ?? `localhost:${c.server.port || 3000}` };
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { error: 'cannot be derived: scanEntry.publicBaseUrl is not a URL' };
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    return { error: `venue posters are https://<host>/s/venue/<code> at the host's root; scanEntry.publicBaseUrl ${base} has a path` };
  }
  if (c.venues.publicHost !== null && c.venues.publicHost !== url.host) {
    return { error: `differs from the host of scanEntry.publicBaseUrl (${url.host}): leave it unset (VENUES_PUBLIC_HOST), it is derived from PUBLIC_BASE_URL` };
  }
  return { host: url.host };
}
