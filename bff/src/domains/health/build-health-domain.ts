import type { Router } from '@koa/router';
import type { Kysely } from 'kysely';
import type { Middleware } from 'koa';
import type { KoaStep } from '../../core/koa-pipeline';
import type { RouteDefinition } from '../../core/pipeline';
import type { Logger } from '../../core/create-logger';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { Database } from '../../infra/db/database';
import type { HotStore } from '../../infra/hot-store/hot-store';
import type { CachedReads } from '../../infra/redis/tracked-read-cache';
import type { AuditLog } from '../audit/audit-log';
import type { RoleService } from '../roles/role-service';
import { AppealService } from './appeals/appeal-service';
import { DeclarationService } from './declarations/declaration-service';
import { ExposureService, type ExposureReport } from './exposures/exposure-service';
import { HealthCodeService } from './health-code-service';
import type { ColourChangeNotifier, PersonalCodeIssuer, PersonDirectoryPort, PersonHealthStatus } from './health-ports';
import { HealthImportService } from './imports/health-import-service';
import { RiskAreaService } from './risk-areas/risk-area-service';
import { officialHealthRoutes } from './routes/health-admin-routes';
import { citizenHealthRoutes, healthCodeRoute } from './routes/health-routes';
import type { HealthRules } from './rules/health-rules-schema';
import { HealthStatusService, type StatusCacheSettings } from './status/health-status-service';
import { SqlAppealStore } from './store/appeal-store';
import { SqlHealthJobStore } from './store/health-job-store';
import { SqlHealthStore } from './store/sql-health-store';

export interface HealthDomainDeps {
  db: Kysely<Database>;
  hotStore: HotStore;
  rules: HealthRules;
  cipher: PiiCipher;
  roles: RoleService;
  audit: AuditLog;
  authenticate: KoaStep;
  /** The app's body reader with the uploads' limit, for the paths it defers (LARGE_BODY_PATHS). */
  uploadBody: Middleware;
  directory: PersonDirectoryPort;
  issuer: PersonalCodeIssuer;
  notifier: ColourChangeNotifier;
  logger: Logger;
  now: () => number;
  cache?: StatusCacheSettings;
  /** The app's tracked read cache: a status held until Redis says it changed (every process sees a change at once). */
  reads?: CachedReads;
}

/** What app.ts exposes as services.health (and wires into personal-code and venues). */
export interface HealthServices {
  /** The personal-code domain's PersonStatusSource; on the verify hot path. */
  statusOf(personId: string): Promise<PersonHealthStatus>;
  /** Tracing exposures from the venue domain. */
  recordExposures(reports: readonly ExposureReport[], actor?: string): Promise<{ recorded: number; changed: number }>;
  status: HealthStatusService;
  imports: HealthImportService;
  appeals: AppealService;
  declarations: DeclarationService;
  riskAreas: RiskAreaService;
  codes: HealthCodeService;
}

export interface HealthDomain {
  routers: Router[];
  /** Declared routes the app's fast lane also runs (the citizen's code). */
  laneRoutes: RouteDefinition[];
  services: HealthServices;
  /** Waits for background jobs (risk-area re-evaluations) before the database closes. */
  close(): Promise<void>;
}

/** The health domain's own composition root: stores → services → routers, all from explicit deps. */
export function buildHealthDomain(deps: HealthDomainDeps): HealthDomain {
  const { db, now, logger } = deps;
  const store = new SqlHealthStore(db, deps.audit);
  const status = new HealthStatusService(store, deps.hotStore, deps.rules, deps.notifier, logger, now, deps.cache, deps.reads);
  const imports = new HealthImportService(store, status, deps.cipher, now);
  const appeals = new AppealService(new SqlAppealStore(db, deps.audit), store, status, deps.directory, now);
  const declarations = new DeclarationService(store, status, deps.directory, now);
  const riskAreas = new RiskAreaService(store, new SqlHealthJobStore(db), status, deps.rules, logger, now);
  const codes = new HealthCodeService(status, store, deps.directory, deps.issuer);
  const exposures = new ExposureService(store, status, now);
  const healthCode = healthCodeRoute(codes, deps.authenticate);
  return {
    laneRoutes: [healthCode],
    routers: [citizenHealthRoutes({ codes, declarations, appeals, riskAreas }, healthCode, deps.authenticate), officialHealthRoutes({ appeals, imports, riskAreas }, deps.roles, deps.authenticate, deps.uploadBody)],
    services: {
      statusOf: (personId) => status.statusOf(personId),
      recordExposures: (reports, actor) => exposures.recordExposures(reports, actor),
      status,
      imports,
      appeals,
      declarations,
      riskAreas,
      codes,
    },
    close: () => riskAreas.settle(),
  };
}
