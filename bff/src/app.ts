import type { RequestListener } from 'node:http';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import Koa from 'koa';
import cors from '@koa/cors';
import { bodyParser } from '@koa/bodyparser';
import type { Router } from '@koa/router';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@govpass/config';
import { maskOperationRoutes, type LoginChannel } from '@govpass/shared-types';
import { createLogger, type Logger } from './core/create-logger';
import { createHttpMetrics } from './core/http-metrics';
import { RateLimiter } from './infra/hot-store/rate-limiter';
import { securityHeaderLists } from './core/security-headers';
import { fastLane } from './core/fast-lane';
import { koaPipeline } from './core/koa-pipeline';
import type { PipelineStep } from './core/pipeline';
import { requestPipeline } from './core/request-pipeline';
import { jsonBody } from './core/json-body';
import { serveStatic } from './core/serve-static';
import { inlineScriptHashes } from './core/inline-script-hashes';
import { PiiCipher } from './infra/crypto/pii-cipher';
import { createDatabase, type DatabaseHandle } from './infra/db/create-database';
import { runMigrations } from './infra/db/run-migrations';
import { usesRedis } from './infra/hot-store/create-hot-store';
import type { HotStore } from './infra/hot-store/hot-store';
import { MemoryHotStore } from './infra/hot-store/memory-hot-store';
import { RedisHotStore } from './infra/hot-store/redis-hot-store';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from './infra/redis/create-redis-client';
import { registerStreamLagMetrics, StreamLagMonitor, type WatchedStream } from './infra/redis/stream-lag';
import { allShardKeys } from './domains/masks/hot-path/mask-keys';
import { CHECKIN_STREAM } from './domains/venues/checkins/redis-checkin-ledger';
import { SqlAccountStore } from './domains/accounts/sql-account-store';
import { meRoutes } from './domains/accounts/me-routes';
import { AuditLog } from './domains/audit/audit-log';
import { auditRoutes } from './domains/audit/audit-routes';
import { AuthService } from './domains/auth/auth-service';
import { authRoutes } from './domains/auth/auth-routes';
import type { LoginProvider } from './domains/auth/providers/login-provider';
import { AlipayLoginProvider } from './domains/auth/providers/alipay-login-provider';
import { DevLoginProvider } from './domains/auth/providers/dev-login-provider';
import { WechatLoginProvider } from './domains/auth/providers/wechat-login-provider';
import { requireAuth } from './domains/auth/require-auth';
import { SessionStore } from './domains/auth/session-store';
import { SessionListing } from './domains/auth/session-listing';
import { SessionService } from './domains/auth/session-service';
import { sessionRoutes } from './domains/auth/session-routes';
import { ConsentService } from './domains/consent/consent-service';
import { ConsentStore } from './domains/consent/consent-store';
import { consentRoutes, withConsent } from './domains/consent/consent-routes';
import { loadPrivacyPolicy } from './domains/consent/privacy-policy';
import { consentPersonalData } from './domains/consent/consent-personal-data';
import { sessionPersonalData } from './domains/auth/session-personal-data';
import { accountPersonalData } from './domains/accounts/account-personal-data';
import { identityPersonalData } from './domains/identity/identity-personal-data';
import { masksPersonalData } from './domains/masks/masks-personal-data';
import { healthPersonalData } from './domains/health/health-personal-data';
import { personalCodePersonalData } from './domains/personal-code/personal-code-personal-data';
import { appointmentsPersonalData } from './domains/appointments/appointments-personal-data';
import { hallPersonalData } from './domains/hall/hall-personal-data';
import { venuesPersonalData } from './domains/venues/venues-personal-data';
import { notificationEraser } from './domains/notifications/notification-personal-data';
import { RightsService } from './domains/rights/rights-service';
import { rightsRouter } from './domains/rights/rights-routes';
import { familyRoutes } from './domains/identity/family/family-routes';
import { FamilyService } from './domains/identity/family/family-service';
import { SqlFamilyStore } from './domains/identity/family/sql-family-store';
import { IdentityService } from './domains/identity/identity-service';
import { identityRoutes } from './domains/identity/identity-routes';
import { PermissiveRegistry } from './domains/identity/permissive-registry';
import { PersonDirectory } from './domains/identity/person-directory';
import { SqlPersonLookup } from './domains/identity/sql-person-lookup';
import { SqlPersonStore } from './domains/identity/sql-person-store';
import { TableRegistry } from './domains/identity/table-registry';
import { adminRoleRoutes } from './domains/roles/admin-role-routes';
import { accountSearchRoutes } from './domains/accounts/account-search';
import { RoleService } from './domains/roles/role-service';
import { SqlRoleStore } from './domains/roles/sql-role-store';
import { systemRoutes } from './domains/system/system-routes';
import { buildMasksDomain, type MasksDomain } from './domains/masks/build-masks-domain';
import { createMaskHotPath, type MaskHotPathRuntime } from './domains/masks/hot-path/create-mask-hot-path';
import type { MaskHotPath } from './domains/masks/hot-path/mask-hot-path';
import type { MaskHotPathFactory } from './domains/masks/mask-hot-path-handle';
import { maskRateRules } from './domains/masks/masks-config';
import { ShortCodes } from './domains/masks/pickup-code/short-code';
import { FailureLockout } from './infra/hot-store/failure-lockout';
import { startExpiryScheduler } from './domains/masks/operations/expiry-scheduler';
import { buildPersonalCodeDomain } from './domains/personal-code/build-personal-code-domain';
import type { PersonalCodeService } from './domains/personal-code/personal-code-service';
import type { PrintedCodeService } from './domains/personal-code/printed-code-service';
import { buildNotifications } from './domains/notifications/build-notifications';
import type { NotificationOutbox } from './domains/notifications/notification-outbox';
import { buildHealthDomain, type HealthServices } from './domains/health/build-health-domain';
import type { ColourChangeNotifier, PersonalCodeIssuer } from './domains/health/health-ports';
import { loadHealthRules, type HealthRules } from './domains/health/rules/health-rules-schema';
import { LARGE_BODY_LIMIT_BYTES, LARGE_BODY_PATHS } from './domains/health/routes/large-json-body';
import { outboxColourNotifier } from './domains/notifications/outbox-colour-notifier';
import { WechatAccessToken } from './domains/notifications/wechat-access-token';
import { isAppError } from './core/app-error';
import { buildScanEntryDomain } from './domains/scan-entry/build-scan-entry-domain';
import { buildHallDomain, type HallDomain } from './domains/hall/build-hall-domain';
import type { ArrivalAppointments } from './domains/hall/hall-ports';
import { HallVisits } from './domains/hall/queue/hall-visits';
import { buildAppointmentsDomain, type AppointmentsServices } from './domains/appointments/build-appointments-domain';
import type { AppointmentNotices, CompletedVisits, HallSchedule, HallVisitStats } from './domains/appointments/appointment-ports';
import { RegistryHallSchedule } from './domains/appointments/registry-hall-schedule';
import { buildVenuesDomain, type VenuesServices } from './domains/venues/build-venues-domain';
import { ReplicaAck } from './infra/redis/replica-ack';

export const APP_VERSION = '0.1.0';

export interface AppDeps {
  /** Where log lines go (tests capture them to prove nothing personal is logged). */
  logDestination?: DestinationStream;
  now?: () => number;
  /** Tests supply their own mask hot path (e.g. one on a test clock). */
  maskHotPath?: MaskHotPathFactory;
  /** Health rules other than config/health-rules.json (tests). */
  healthRules?: HealthRules;
  /** Tests supply a fake personal-code issuer and a recording notifier. */
  personalCodeIssuer?: PersonalCodeIssuer;
  colourChangeNotifier?: ColourChangeNotifier;
  /** The hall's appointment check-in (the appointments domain's, or a test's). */
  arrivalAppointments?: ArrivalAppointments;
  /** Appointments: a hall schedule and visits of the test's own instead of the hall registry's and queue's. */
  hallSchedule?: HallSchedule;
  hallVisits?: CompletedVisits & HallVisitStats;
}

const REPO_ROOT = join(__dirname, '../..');
/** The health rules an official edits (config health.rulesFile overrides); a bad file stops the start naming the field. */
export const HEALTH_RULES_FILE = join(REPO_ROOT, 'config/health-rules.json');
/** The privacy policy: policy.json names the version in force, <version>.md is its text (docs/privacy.md). */
export const PRIVACY_POLICY_DIR = join(REPO_ROOT, 'config/privacy-policy');

export interface GovpassApp {
  koa: Koa;
  /** What the HTTP server serves: the fast lane (core/fast-lane) in front of Koa's callback. */
  handler: RequestListener;
  /** The steps every request passes (core/request-pipeline), run by Koa and by the fast lane. */
  pipeline: readonly PipelineStep[];
  config: AppConfig;
  logger: Logger;
  database: DatabaseHandle;
  hotStore: HotStore;
  services: {
    sessions: SessionStore;
    /** Listed sessions: logout, end one, log out everywhere. */
    sessionList: SessionService;
    consent: ConsentService;
    /** Export and deletion over every domain's PersonalDataContributor / PersonalDataEraser. */
    rights: RightsService;
    roles: RoleService;
    identity: IdentityService;
    /** Family members: the one list every service uses (masks, health code, venues, service hall). */
    family: FamilyService;
    /** Persons of accounts, family members, masked names; `resolveSubject` for "myself or a family member". */
    directory: PersonDirectory;
    registry: TableRegistry;
    accounts: SqlAccountStore;
    audit: AuditLog;
    masks: MasksDomain['services'];
    maskHotPath: MaskHotPath;
    /** Drains the outbox then refills what Redis lost (`admin rebuild-hot-store`); null when a test supplied the hot path. */
    maskRuntime: MaskHotPathRuntime | null;
    /** Issues and resolves the personal code (个人码) every door scans; venue and hall domains resolve with it. */
    personalCode: PersonalCodeService;
    printedCodes: PrintedCodeService;
    /** The one notification outbox: give it to any domain that must tell someone something. */
    notifications: NotificationOutbox;
    health: HealthServices;
    /** The service hall: registry (HallDirectory for other domains), tickets, window console, board. */
    hall: HallDomain['services'];
    /** Service-hall appointments (预约), waitlists, no-shows, ratings (好差评) and hall statistics. */
    appointments: AppointmentsServices;
    /** Venue codes, durable check-ins, retention and contact tracing. */
    venues: VenuesServices;
  };
  close(): Promise<void>;
}

function loginProviders(config: AppConfig): Partial<Record<LoginChannel, LoginProvider>> {
  const { wechat, alipay, devLoginEnabled } = config.auth;
  const providers: Partial<Record<LoginChannel, LoginProvider>> = {};
  if (wechat.appId && wechat.secret) providers.weapp = new WechatLoginProvider(wechat);
  if (alipay.appId && alipay.privateKey && alipay.alipayPublicKey) providers.alipay = new AlipayLoginProvider(alipay);
  if (devLoginEnabled) providers.h5 = new DevLoginProvider();
  return providers;
}

/** @koa/cors for requests with an Origin (the pipeline's cors step gives the others their Vary). */
function corsFor(origins: string[]): Koa.Middleware {
  return cors({ origin: (ctx) => (origins.includes(ctx.get('origin')) ? ctx.get('origin') : ''), allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Retry-Attempt', 'X-Request-Id'], exposeHeaders: ['X-Request-Id', 'Retry-After'] });
}

async function connectRedis(config: AppConfig, logger: Logger): Promise<RedisClient | null> {
  if (!usesRedis(config.storage)) return null;
  const client = createRedisClient(config.storage, { onError: (err) => logger.warn({ err: String(err) }, 'redis connection problem'), connectionName: 'govpass-bff' });
  try {
    await waitForReady(client);
  } catch (err) {
    await closeRedisClient(client);
    throw err;
  }
  return client;
}

/**
 * The one JSON body reader (core/json-body, @koa/bodyparser behind it for compressed bodies and other
 * JSON types) at a limit; `deferred` paths are left for their routes to read with a larger one.
 */
function bodyReader(limitBytes: number, deferred?: readonly string[]) {
  const fallback = bodyParser({ enableTypes: ['json'], jsonLimit: limitBytes, encoding: 'utf-8' });
  return jsonBody({ limitBytes, fallback, deferredPaths: deferred });
}

/**
 * The outbox consumer's name: unique per live process. Set INSTANCE_NAME to something stable across
 * restarts to re-read its own pending entries at once; a new name also recovers, because consumers
 * take over the entries of dead ones within seconds.
 */
function instanceName(config: AppConfig): string {
  return process.env.INSTANCE_NAME ?? `bff-${hostname()}-${config.server.port || process.pid}`;
}

/** Every outbox / durable stream a consumer of this app drains, shard by shard. */
function watchedStreams(): WatchedStream[] {
  return [
    ...allShardKeys().map((s) => ({ stream: 'mask-outbox', shard: s.shard, key: s.outbox })),
    ...CHECKIN_STREAM.allShards().map((s) => ({ stream: CHECKIN_STREAM.name, shard: s.shard, key: s.stream })),
  ];
}

/**
 * The composition root: config → clients → stores → services → routers. Nothing else in the BFF
 * constructs a client or reaches for a global; everything is passed in through constructors.
 */
export async function buildApp(config: AppConfig, deps: AppDeps = {}): Promise<GovpassApp> {
  const now = deps.now ?? Date.now;
  const logger = createLogger(config.log.level, deps.logDestination, { sync: config.log.sync });
  // Before any store opens: a bad rules file stops the start with nothing to clean up.
  const healthRules = deps.healthRules ?? loadHealthRules(config.health.rulesFile ? resolve(REPO_ROOT, config.health.rulesFile) : HEALTH_RULES_FILE);
  const privacyPolicy = loadPrivacyPolicy(PRIVACY_POLICY_DIR);
  const database = createDatabase({ mysqlUrl: config.storage.mysqlUrl, sqlitePath: config.storage.sqlitePath });
  await runMigrations(database.db);
  const redis = await connectRedis(config, logger);
  // One client for sessions, rate limits and bookings; the outbox consumer gets its own (its read blocks).
  const hotStore: HotStore = redis ? new RedisHotStore(redis, { closeClient: false }) : new MemoryHotStore();

  const cipher = new PiiCipher(config.security.piiEncryptionKey, config.security.piiHashKey);
  const audit = new AuditLog(database.db, now);
  const accounts = new SqlAccountStore(database.db, now);
  const persons = new SqlPersonStore(database.db, now);
  const registry = new TableRegistry(database.db, cipher);
  const roles = new RoleService(new SqlRoleStore(database.db, now), accounts, audit);
  const sessions = new SessionStore(hotStore, config.security.sessionTtlSeconds, now);
  const population = config.identity.registry === 'permissive' ? new PermissiveRegistry() : registry;
  const identity = new IdentityService(accounts, persons, population, cipher);
  const familyStore = new SqlFamilyStore(database.db);
  // One directory per process: its caches (and the family cache dropped on each change) must be shared by every service.
  const directory = new PersonDirectory(new SqlPersonLookup(database.db), persons, familyStore, cipher, now);
  const family = new FamilyService(familyStore, persons, population, cipher, directory, now);
  // Listed sessions (我的 → 登录设备), logout and log out everywhere: docs/privacy.md.
  const sessionService = new SessionService(sessions, new SessionListing(database.db), audit, now);
  const auth = new AuthService(loginProviders(config), accounts, roles, sessions, identity, sessionService);
  const limiter = new RateLimiter(hotStore, {
    login: { limit: config.rateLimit.loginPerIpPerMinute, windowMs: 60_000 },
    identity: { limit: config.rateLimit.identityPerAccountPerHour, windowMs: 3_600_000 },
    codeIdLookup: { limit: config.rateLimit.idNumberLookupPerAccountPerHour, windowMs: 3_600_000 },
    ...maskRateRules(config.rateLimit),
  });
  const authenticate = requireAuth(sessions, (id, ip) => sessionService.touch(id, ip));
  const consent = new ConsentService(privacyPolicy, new ConsentStore(database.db), audit, config.privacy.consentRequired, now);
  // Routes that take an identity (own or a family member's) need the privacy policy agreed to first.
  const authenticateAgreed = withConsent(authenticate, consent);
  const metrics = createHttpMetrics();
  // The outbox consumers' backlog on /metrics, and on /readyz past storage.streamLagReadyMs.
  const streamLag = redis ? new StreamLagMonitor(redis, watchedStreams(), { thresholdMs: config.storage.streamLagReadyMs }) : null;
  if (streamLag) registerStreamLagMetrics(metrics.registry, streamLag);
  const readinessChecks = () => ({
    database: database.ping,
    hotStore: () => hotStore.ping(),
    ...(streamLag ? { streamLag: () => streamLag.withinThreshold() } : {}),
  });

  // One WAIT mechanism for every outbox writer (bookings, check-ins): acknowledged means replicated.
  const replicaAck = redis && config.redis.replicaAck.replicas > 0 ? new ReplicaAck(redis, config.redis.replicaAck) : null;
  const shortCodes = new ShortCodes(config.masks.pickupCodeKey);
  const shortCodeMisses = new FailureLockout(hotStore, 'short-code-miss', { limit: config.rateLimit.shortCodeMissesPerMinute, windowMs: 60_000, lockMs: config.rateLimit.shortCodeLockMinutes * 60_000 }, now);
  const maskRuntime = deps.maskHotPath
    ? null
    : createMaskHotPath({ redis, database, instanceName: instanceName(config), replicaAck, timings: { holdLeaseMs: config.masks.holdLeaseMs }, logger, shortCodes });
  const maskHandle = deps.maskHotPath ? await deps.maskHotPath(database, logger, shortCodes) : null;
  const maskHotPath = maskRuntime?.hotPath ?? (maskHandle as NonNullable<typeof maskHandle>).hotPath;
  // In-process: start() rebuilds the state that died with the last process, always needed.
  // Redis: start() runs the outbox consumer, which API-only processes may leave to others.
  if (maskRuntime && (!redis || config.masks.runWorkers)) await maskRuntime.start();
  // Official and administrator uploads (CSV inside JSON) read past the general body limit, after their role guard.
  const uploadBody = bodyReader(LARGE_BODY_LIMIT_BYTES);
  const notifications = buildNotifications(database.db, config, logger, now);
  const masks = buildMasksDomain({ db: database.db, config: config.masks, hotPath: maskHotPath, directory, roles, audit, limiter, authenticate, uploadBody, sessions, notices: notifications.outbox, logger, now, shortCodes, shortCodeMisses });
  if (config.notifications.enabled) notifications.dispatcher.start();
  // The personal code asks health for the current colour; health asks the personal code for the QR
  // it shows. Each sees the other only through the port it declares; the late binding is here.
  const personalCode = buildPersonalCodeDomain({
    db: database.db,
    hotStore,
    config: config.codes,
    directory,
    status: { statusOf: (personId) => health.services.statusOf(personId) },
    idLookupLimit: limiter.perAccount('codeIdLookup'),
    persons,
    registry: population,
    cipher,
    roles,
    audit,
    authenticate,
    logger,
    now,
  });
  const health = buildHealthDomain({
    db: database.db,
    hotStore,
    rules: healthRules,
    cipher,
    roles,
    audit,
    authenticate,
    uploadBody,
    directory,
    issuer: deps.personalCodeIssuer ?? personalCode.services.codes,
    notifier: deps.colourChangeNotifier ?? outboxColourNotifier(notifications.outbox),
    logger,
    now,
  });
  // Entry by scan: printed codes of places; each place's domain says whether it still exists.
  const scanEntry = buildScanEntryDomain({
    config,
    places: {
      pharmacy: async (id) => {
        const found = await masks.services.pharmacies.find(id);
        return found ? { name: found.name, address: found.address } : null;
      },
      // The hall and venue domains are built below; these run only when a scan is looked up.
      hall: async (id) => {
        const found = await hall.services.directory.getHall(id);
        return found ? { name: found.name, address: found.address } : null;
      },
      window: async (id) => {
        const window = await hall.services.directory.getWindow(id);
        const itsHall = window ? await hall.services.directory.getHall(window.hallId) : null;
        return window && itsHall ? { name: `${itsHall.name} ${window.name}`, address: itsHall.address, hallId: itsHall.id } : null;
      },
      venue: async (code) => {
        try {
          const found = await venues.services.venues.venueOfCode(code);
          return { name: found.name, address: found.address };
        } catch (err) {
          if (isAppError(err) && err.status < 500) return null; // forged, altered or removed: "no longer exists"
          throw err;
        }
      },
    },
    wechatToken: config.auth.wechat.appId && config.auth.wechat.secret ? new WechatAccessToken(config.auth.wechat) : null,
    roles,
    audit,
    authenticate,
    now,
  });
  const appointmentNotices: AppointmentNotices = {
    placeOffered: async (n, trx) => {
      const data = { appointmentId: n.appointmentId, hallName: n.hallName, serviceName: n.serviceName, date: n.date, start: n.start, offeredAt: n.offeredAt };
      await notifications.outbox.enqueue({ personId: n.personId, template: 'appointment_offered', data, dedupeKey: `offer:${n.appointmentId}` }, trx);
    },
  };
  const appointments = buildAppointmentsDomain({
    db: database.db,
    redis,
    hotStore,
    settings: config.appointments,
    // The hall registry and queue through this domain's ports; `hall` is bound below (late binding).
    schedule: deps.hallSchedule ?? new RegistryHallSchedule({ getHall: (id) => hall.services.directory.getHall(id), listServices: (id) => hall.services.directory.listServices(id) }),
    visits: deps.hallVisits ?? new HallVisits(database.db),
    persons: directory,
    notices: appointmentNotices,
    roles,
    audit,
    authenticate,
    logger,
    now,
  });
  // The hall reaches identity, the personal code and the outbox through its ports (hall-ports.ts).
  const hall = buildHallDomain({
    db: database.db,
    redis,
    config: config.hallQueue,
    roles,
    audit,
    authenticate,
    people: {
      resolveSubject: (accountId, personId) => directory.resolveSubject(accountId, personId),
      personsOf: async (accountId) => {
        const holder = await directory.personOfAccount(accountId);
        return holder ? directory.bookablePersons(holder) : [];
      },
      maskedName: (personId) => directory.maskedName(personId),
      birthDate: async (personId) => (await persons.findById(personId))?.birthDate ?? null,
    },
    codes: { resolve: (code) => personalCode.services.codes.resolve(code) },
    notifier: {
      called: async (n) => {
        await notifications.outbox.enqueue({ personId: n.personId, template: 'hall_called', dedupeKey: n.callId, data: { hallName: n.hallName, ticketNumber: n.ticketNumber, windowName: n.windowName, calledAt: n.calledAt } });
      },
      turnNear: async (n) => {
        await notifications.outbox.enqueue({ personId: n.personId, template: 'hall_turn_near', dedupeKey: n.ticketId, data: { hallName: n.hallName, ticketNumber: n.ticketNumber, ahead: n.ahead, etaMinutes: n.etaMinutes } });
      },
    },
    arrivals: deps.arrivalAppointments ?? { checkInArrival: (personId, hallId, serviceId, at) => appointments.services.arrivals.checkInArrival(personId, hallId, serviceId, at.getTime()) },
    logger,
    now,
  });
  const venues = buildVenuesDomain({
    database,
    redis,
    replicaAck,
    config: config.venues,
    piiHashKey: config.security.piiHashKey,
    runWorkers: config.masks.runWorkers,
    instanceName: instanceName(config),
    directory,
    health: { statusOf: (personId) => health.services.statusOf(personId), recordExposures: (reports, actor) => health.services.recordExposures(reports, actor) },
    notifier: {
      async exposureNotice(n) {
        await notifications.outbox.enqueue({ personId: n.personId, template: 'health_colour_changed', data: { colour: n.colour, changedAt: n.at, reason: n.reason }, dedupeKey: n.dedupeKey });
      },
    },
    roles,
    audit,
    authenticate,
    logger,
    now,
  });
  await venues.start();
  // A citizen's rights (docs/privacy.md): every domain holding personal data registers ONE
  // contributor (export) and ONE eraser (deletion). Erasers run in this order: sessions first
  // (nothing new can start), the account row last.
  const sessionData = sessionPersonalData(sessionService);
  const consentData = consentPersonalData(consent);
  const accountData = accountPersonalData(database.db, accounts, roles);
  const identityData = identityPersonalData({ db: database.db, identity, family, directory });
  const masksData = masksPersonalData({ db: database.db, reservations: masks.services.reservations, hotPath: maskHotPath, now });
  const healthData = healthPersonalData(database.db, hotStore, health.services);
  const codeData = personalCodePersonalData(database.db, hotStore, now);
  const appointmentData = appointmentsPersonalData(database.db, appointments.services.appointments);
  const hallData = hallPersonalData(database.db, hall.services.tickets);
  const venueData = venuesPersonalData(database.db, venues.services.retentionDays, now);
  const rights = new RightsService(
    [accountData.contributor, ...identityData.contributors, masksData.contributor, healthData.contributor, codeData.contributor, appointmentData.contributor, hallData.contributor, venueData.contributor, consentData.contributor, sessionData.contributor],
    [sessionData.eraser, masksData.eraser, appointmentData.eraser, hallData.eraser, venueData.eraser, healthData.eraser, codeData.eraser, notificationEraser(database.db), ...identityData.erasers, consentData.eraser, accountData.eraser],
    audit,
    now,
  );

  const expiry = config.masks.runWorkers ? startExpiryScheduler({ db: database.db, hotPath: maskHotPath, audit, pickupDays: config.masks.pickupCodeTtlDays }, logger, now) : null;

  // The busiest first: every router before the matching one tests its routes against the path (masks
  // first measured 7 % less Node CPU per booking than masks last). Door scans and code shows are the
  // morning peak now; a booking at opening time is mostly answered by the fast lane before Koa.
  const routers: Router[] = [
    personalCode.router,
    ...health.routers,
    ...masks.routers,
    ...hall.routers,
    ...appointments.routers,
    ...venues.routers,
    systemRoutes(readinessChecks(), metrics.registry, APP_VERSION),
    authRoutes(auth, limiter, sessionService, authenticate),
    sessionRoutes(sessionService, authenticate),
    identityRoutes(identity, sessions, authenticateAgreed, limiter),
    familyRoutes(family, authenticate, authenticateAgreed),
    consentRoutes(consent, authenticate),
    rightsRouter(rights, async (id) => (await accounts.findById(id))?.personId ?? null, authenticate),
    meRoutes(accounts, identity, roles, authenticate),
    adminRoleRoutes(roles, authenticate),
    accountSearchRoutes({ db: database.db, cipher, audit, roles }, authenticate),
    auditRoutes(audit, roles, authenticate),
    scanEntry.router,
    // `/s/…` and the verification files: after the API, before the static H5 files.
    scanEntry.pages,
  ];

  const security = { hsts: config.env === 'production', scriptHashes: inlineScriptHashes(config.server.staticDir) };
  const parseBody = bodyReader(config.server.bodyLimitKb * 1024, [...LARGE_BODY_PATHS, maskOperationRoutes.adminImportPharmacies.path]);

  // Every request's steps, declared once: Koa runs them, and so does the fast lane for the hot routes.
  const pipeline = requestPipeline({ logger, record: metrics.record, headers: securityHeaderLists(security), cors: corsFor(config.server.corsOrigins), body: parseBody });
  const koa = new Koa({ proxy: config.server.trustProxy });
  for (const middleware of koaPipeline(pipeline)) koa.use(middleware);
  for (const router of routers) koa.use(router.routes()).use(router.allowedMethods({ throw: true }));
  if (config.server.staticDir) koa.use(serveStatic(config.server.staticDir));
  const laneRoutes = [...masks.laneRoutes, ...personalCode.laneRoutes, ...health.laneRoutes];
  const handler = fastLane(laneRoutes, { pipeline, limitBytes: config.server.bodyLimitKb * 1024, logger, trustProxy: config.server.trustProxy }, koa.callback());

  return {
    koa,
    handler,
    pipeline,
    config,
    logger,
    database,
    hotStore,
    services: { sessions, sessionList: sessionService, consent, rights, roles, identity, family, directory, registry, accounts, audit, masks: masks.services, maskHotPath, maskRuntime, personalCode: personalCode.services.codes, printedCodes: personalCode.services.printed, notifications: notifications.outbox, health: health.services, hall: hall.services, appointments: appointments.services, venues: venues.services },
    async close() {
      expiry?.stop();
      hall.close();
      await appointments.close();
      await health.close();
      await venues.close();
      await notifications.dispatcher.stop();
      await maskRuntime?.stop();
      await maskHandle?.close();
      await hotStore.close();
      if (redis) await closeRedisClient(redis);
      await database.close();
    },
  };
}
