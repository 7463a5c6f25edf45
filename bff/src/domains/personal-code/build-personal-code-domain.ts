import type { Router } from '@koa/router';
import type { Kysely } from 'kysely';
import type { Middleware } from 'koa';
import type { KoaStep } from '../../core/koa-pipeline';
import type { RouteDefinition } from '../../core/pipeline';
import type { AppConfig } from '@govpass/config';
import type { Logger } from '../../core/create-logger';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { Database } from '../../infra/db/database';
import type { HotStore } from '../../infra/hot-store/hot-store';
import type { AuditLog } from '../audit/audit-log';
import type { PersonStore } from '../identity/person-store';
import type { PopulationRegistry } from '../identity/population-registry';
import type { RoleService } from '../roles/role-service';
import { KeyRing } from './key-ring';
import { PersonRefs } from './person-refs';
import type { PersonDirectoryPort, PersonStatusSource } from './personal-code-ports';
import { personalCodeRoutes, verifyCodeRoute } from './personal-code-routes';
import { PersonalCodeService } from './personal-code-service';
import { PrintedCardIndex } from './printed-card-index';
import { PrintedCodeService } from './printed-code-service';
import { RevocationList } from './revocation-list';
import { SqlCodeRefStore } from './sql-code-ref-store';
import { SqlPrintedCodeStore } from './sql-printed-code-store';

/** How often a process re-reads the revocation list (a revoke elsewhere counts within this). */
const REVOCATION_REFRESH_MS = 5000;

export interface PersonalCodeDomainDeps {
  db: Kysely<Database>;
  hotStore: HotStore;
  config: AppConfig['codes'];
  directory: PersonDirectoryPort;
  status: PersonStatusSource;
  persons: PersonStore;
  registry: PopulationRegistry;
  cipher: PiiCipher;
  roles: RoleService;
  audit: AuditLog;
  authenticate: KoaStep;
  /** Limits ID-number look-ups per staff account (rate rule `codeIdLookup`). */
  idLookupLimit: Middleware;
  logger: Logger;
  now: () => number;
}

export interface PersonalCodeDomain {
  router: Router;
  /** Declared routes the app's fast lane also runs (the online scan). */
  laneRoutes: RouteDefinition[];
  services: { codes: PersonalCodeService; printed: PrintedCodeService };
}

/** The personal-code domain's composition: key ring → stores and caches → services → router. */
export function buildPersonalCodeDomain(deps: PersonalCodeDomainDeps): PersonalCodeDomain {
  const { config, now, logger } = deps;
  const ring = new KeyRing(config.signingKeys, config.printedTtlDays);
  const printedStore = new SqlPrintedCodeStore(deps.db);
  const refs = new PersonRefs(new SqlCodeRefStore(deps.db), deps.hotStore, now, (err) => logger.warn({ err: String(err) }, 'hot store failed for personal-code refs; reading MySQL'));
  const index = new PrintedCardIndex(printedStore);
  const revocations = new RevocationList(printedStore, REVOCATION_REFRESH_MS, now, (err) => logger.warn({ err: String(err) }, 'revocation list reload failed; serving the last one'));
  const codes = new PersonalCodeService({
    ring, refs, printed: index, revocations, directory: deps.directory, status: deps.status, audit: deps.audit,
    settings: { liveTtlSeconds: config.liveTtlSeconds, clockSkewSeconds: config.clockSkewSeconds }, now,
  });
  const printed = new PrintedCodeService({
    ring, store: printedStore, index, revocations, directory: deps.directory, persons: deps.persons, registry: deps.registry,
    cipher: deps.cipher, roles: deps.roles, audit: deps.audit, printedTtlDays: config.printedTtlDays, now,
  });
  const verify = verifyCodeRoute(codes, deps.roles, deps.authenticate);
  const router = personalCodeRoutes({ codes, printed, roles: deps.roles, authenticate: deps.authenticate, idLookupLimit: deps.idLookupLimit, now }, verify);
  return { router, laneRoutes: [verify], services: { codes, printed } };
}
