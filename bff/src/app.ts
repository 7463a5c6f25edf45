import type { RequestListener } from 'node:http';
import { join, resolve } from 'node:path';
import type Koa from 'koa';
import type { Router } from '@koa/router';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@govpass/config';
import { createLogger, type Logger } from './core/create-logger';
import type { PipelineStep } from './core/pipeline';
import { createDatabase, type DatabaseHandle } from './infra/db/create-database';
import { runMigrations } from './infra/db/run-migrations';
import type { HotStore } from './infra/hot-store/hot-store';
import { MemoryHotStore } from './infra/hot-store/memory-hot-store';
import { RedisHotStore } from './infra/hot-store/redis-hot-store';
import { closeRedisClient } from './infra/redis/create-redis-client';
import { ReplicaAck } from './infra/redis/replica-ack';
import type { SqlAccountStore } from './domains/accounts/sql-account-store';
import type { AuditLog } from './domains/audit/audit-log';
import type { SessionStore } from './domains/auth/session-store';
import type { SessionService } from './domains/auth/session-service';
import type { ConsentService } from './domains/consent/consent-service';
import { loadPrivacyPolicy } from './domains/consent/privacy-policy';
import type { RightsService } from './domains/rights/rights-service';
import { RetentionPurge, startRetentionScheduler } from './domains/rights/retention-purge';
import { retentionRules } from './domains/rights/retention-rules';
import type { FamilyService } from './domains/identity/family/family-service';
import type { IdentityService } from './domains/identity/identity-service';
import type { PersonDirectory } from './domains/identity/person-directory';
import type { TableRegistry } from './domains/identity/table-registry';
import type { RoleService } from './domains/roles/role-service';
import type { MasksDomain } from './domains/masks/build-masks-domain';
import type { MaskHotPathRuntime } from './domains/masks/hot-path/create-mask-hot-path';
import type { MaskHotPath } from './domains/masks/hot-path/mask-hot-path';
import type { MaskHotPathFactory } from './domains/masks/mask-hot-path-handle';
import { startExpiryScheduler } from './domains/masks/operations/expiry-scheduler';
import type { PersonalCodeService } from './domains/personal-code/personal-code-service';
import type { PrintedCodeService } from './domains/personal-code/printed-code-service';
import { buildNotifications } from './domains/notifications/build-notifications';
import type { NotificationOutbox } from './domains/notifications/notification-outbox';
import type { HealthServices } from './domains/health/build-health-domain';
import type { ColourChangeNotifier, PersonalCodeIssuer } from './domains/health/health-ports';
import { loadHealthRules, type HealthRules } from './domains/health/rules/health-rules-schema';
import { outboxColourNotifier } from './domains/notifications/outbox-colour-notifier';
import type { HallDomain } from './domains/hall/build-hall-domain';
import type { ArrivalAppointments } from './domains/hall/hall-ports';
import type { AppointmentsServices } from './domains/appointments/build-appointments-domain';
import type { CompletedVisits, HallSchedule, HallVisitStats } from './domains/appointments/appointment-ports';
import type { VenuesServices } from './domains/venues/build-venues-domain';
import { connectRedis, trackedReadsOf, type Platform } from './wiring/platform';
import { identityCoreRouters, wireIdentityCore } from './wiring/identity-core';
import { wireSystem } from './wiring/system';
import { wireMasks } from './wiring/masks';
import { wirePersonalCode } from './wiring/personal-code';
import { wireHealth } from './wiring/health';
import { wireScanEntry } from './wiring/scan-entry';
import { wireAppointments } from './wiring/appointments';
import { wireHall } from './wiring/hall';
import { wireVenues } from './wiring/venues';
import { wireRights } from './wiring/rights';
import { buildHttp, uploadBodyReader } from './wiring/http';

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
    retention: RetentionPurge;
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

/**
 * The composition root: config → clients → stores → services → routers. Nothing else in the BFF
 * constructs a client or reaches for a global; everything is passed in through constructors. Each
 * domain's ports and adapters are wired in bff/src/wiring/<domain>.ts; the order and the late
 * bindings between domains (a getter read per call, for a domain built further down) are here.
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
  const trackedReads = trackedReadsOf(config.redis.trackedReads ? redis : null, hotStore, logger);
  const platform: Platform = { config, database, redis, hotStore, trackedReads, logger, now };

  const core = wireIdentityCore(platform, privacyPolicy);
  const system = wireSystem(platform, APP_VERSION);
  // One WAIT mechanism for every outbox writer (bookings, check-ins): acknowledged means replicated.
  const replicaAck = redis && config.redis.replicaAck.replicas > 0 ? new ReplicaAck(redis, config.redis.replicaAck) : null;
  const uploadBody = uploadBodyReader();
  const notifications = buildNotifications(database.db, config, logger, now);
  const masks = await wireMasks(platform, core, { hotPathFactory: deps.maskHotPath, replicaAck, uploadBody, notices: notifications.outbox });
  if (config.notifications.enabled) notifications.dispatcher.start();
  // The personal code asks health for the current colour; health asks the personal code for the QR
  // it shows. Each sees the other only through the port it declares; the late binding is here.
  const personalCode = wirePersonalCode(platform, core, { statusOf: (personId) => health.services.statusOf(personId) });
  const health = wireHealth(platform, core, {
    rules: healthRules,
    uploadBody,
    issuer: deps.personalCodeIssuer ?? personalCode.services.codes,
    notifier: deps.colourChangeNotifier ?? outboxColourNotifier(notifications.outbox),
  });
  // The hall and venue domains are built below; scan entry and appointments read them per call.
  const scanEntry = wireScanEntry(platform, core, { pharmacies: masks.domain.services.pharmacies, halls: () => hall.services.directory, venues: () => venues.services.venues });
  const appointments = wireAppointments(platform, core, { notices: notifications.outbox, halls: () => hall.services.directory, tickets: () => hall.services.tickets, schedule: deps.hallSchedule, visits: deps.hallVisits });
  const hall = wireHall(platform, core, { replicaAck, codes: personalCode.services.codes, notices: notifications.outbox, appointmentArrivals: appointments.services.arrivals, arrivals: deps.arrivalAppointments });
  const venues = wireVenues(platform, core, { replicaAck, health: health.services, notices: notifications.outbox });
  await venues.start();
  await hall.start();
  const rights = wireRights(platform, core, { masks: masks.domain.services, maskHotPath: masks.hotPath, health: health.services, appointments: appointments.services, hall: hall.services, venues: venues.services });

  // Records kept after their purpose ended, deleted on their schedule (docs/privacy.md).
  const retention = new RetentionPurge(retentionRules(database.db, config.privacy.retention), core.audit, now);
  const retentionJob = config.masks.runWorkers ? startRetentionScheduler(retention, (err) => logger.error({ err }, 'retention purge failed')) : null;
  const expiry = config.masks.runWorkers ? startExpiryScheduler({ db: database.db, hotPath: masks.hotPath, audit: core.audit, pickupDays: config.masks.pickupCodeTtlDays }, logger, now) : null;

  // The busiest first: every router before the matching one tests its routes against the path (masks
  // first measured 7 % less Node CPU per booking than masks last). Door scans and code shows are the
  // morning peak now; a booking at opening time is mostly answered by the fast lane before Koa.
  const routers: Router[] = [
    personalCode.router,
    ...health.routers,
    ...masks.domain.routers,
    ...hall.routers,
    ...appointments.routers,
    ...venues.routers,
    system.router,
    ...identityCoreRouters(core, rights, database.db),
    scanEntry.router,
    // `/s/…` and the verification files: after the API, before the static H5 files.
    scanEntry.pages,
  ];
  const laneRoutes = [...masks.domain.laneRoutes, ...personalCode.laneRoutes, ...health.laneRoutes, ...hall.laneRoutes, ...venues.laneRoutes];
  const { koa, handler, pipeline } = buildHttp({ config, logger, metrics: system.metrics, routers, laneRoutes });

  const { sessions, sessionService, consent, roles, identity, family, directory, registry, accounts, audit } = core;
  return {
    koa,
    handler,
    pipeline,
    config,
    logger,
    database,
    hotStore,
    services: { sessions, sessionList: sessionService, consent, rights, retention, roles, identity, family, directory, registry, accounts, audit, masks: masks.domain.services, maskHotPath: masks.hotPath, maskRuntime: masks.runtime, personalCode: personalCode.services.codes, printedCodes: personalCode.services.printed, notifications: notifications.outbox, health: health.services, hall: hall.services, appointments: appointments.services, venues: venues.services },
    async close() {
      expiry?.stop();
      retentionJob?.stop();
      await core.sessionService.close();
      await hall.close();
      await appointments.close();
      await health.close();
      await venues.close();
      await notifications.dispatcher.stop();
      await masks.close();
      await hotStore.close();
      await trackedReads.close();
      await trackedReads.close();
      if (redis) await closeRedisClient(redis);
      await database.close();
    },
  };
}
