import type { Kysely } from 'kysely';
import type { Database } from '../infra/db/database';
import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { AppConfig } from '@govpass/config';
import type { LoginChannel, PrivacyPolicyResponse } from '@govpass/shared-types';
import type { KoaStep } from '../core/koa-pipeline';
import { PiiCipher } from '../infra/crypto/pii-cipher';
import { RateLimiter } from '../infra/hot-store/rate-limiter';
import { SqlAccountStore } from '../domains/accounts/sql-account-store';
import { meRoutes } from '../domains/accounts/me-routes';
import { AuditLog } from '../domains/audit/audit-log';
import { auditRoutes } from '../domains/audit/audit-routes';
import { AuthService } from '../domains/auth/auth-service';
import { authRoutes } from '../domains/auth/auth-routes';
import type { LoginProvider } from '../domains/auth/providers/login-provider';
import { AlipayLoginProvider } from '../domains/auth/providers/alipay-login-provider';
import { DevLoginProvider } from '../domains/auth/providers/dev-login-provider';
import { WechatLoginProvider } from '../domains/auth/providers/wechat-login-provider';
import { requireAuth } from '../domains/auth/require-auth';
import { SessionStore } from '../domains/auth/session-store';
import { SessionListing } from '../domains/auth/session-listing';
import { SessionService } from '../domains/auth/session-service';
import { sessionRoutes } from '../domains/auth/session-routes';
import { ConsentService } from '../domains/consent/consent-service';
import { ConsentStore } from '../domains/consent/consent-store';
import { consentRoutes, withConsent } from '../domains/consent/consent-routes';
import { familyRoutes } from '../domains/identity/family/family-routes';
import { FamilyService } from '../domains/identity/family/family-service';
import { SqlFamilyStore } from '../domains/identity/family/sql-family-store';
import { IdentityService } from '../domains/identity/identity-service';
import { identityRoutes } from '../domains/identity/identity-routes';
import { PermissiveRegistry } from '../domains/identity/permissive-registry';
import { PersonDirectory } from '../domains/identity/person-directory';
import type { PopulationRegistry } from '../domains/identity/population-registry';
import { SqlPersonLookup } from '../domains/identity/sql-person-lookup';
import { SqlPersonStore } from '../domains/identity/sql-person-store';
import { TableRegistry } from '../domains/identity/table-registry';
import { maskRateRules } from '../domains/masks/masks-config';
import type { RightsService } from '../domains/rights/rights-service';
import { rightsRouter } from '../domains/rights/rights-routes';
import { adminRoleRoutes } from '../domains/roles/admin-role-routes';
import { accountSearchRoutes } from '../domains/accounts/account-search';
import { RoleService } from '../domains/roles/role-service';
import { SqlRoleStore } from '../domains/roles/sql-role-store';
import type { Platform } from './platform';

/** The base domains every feature domain is given: identity, accounts, roles, sessions, audit, consent. */
export interface IdentityCore {
  cipher: PiiCipher;
  audit: AuditLog;
  accounts: SqlAccountStore;
  persons: SqlPersonStore;
  registry: TableRegistry;
  /** The registry identities are checked against: the table, or the permissive one (config identity.registry). */
  population: PopulationRegistry;
  roles: RoleService;
  sessions: SessionStore;
  identity: IdentityService;
  family: FamilyService;
  directory: PersonDirectory;
  sessionService: SessionService;
  auth: AuthService;
  limiter: RateLimiter;
  authenticate: KoaStep;
  consent: ConsentService;
  /** `authenticate`, then the privacy policy must have been agreed to. */
  authenticateAgreed: Middleware;
}

function loginProviders(config: AppConfig): Partial<Record<LoginChannel, LoginProvider>> {
  const { wechat, alipay, devLoginEnabled } = config.auth;
  const providers: Partial<Record<LoginChannel, LoginProvider>> = {};
  if (wechat.appId && wechat.secret) providers.weapp = new WechatLoginProvider(wechat);
  if (alipay.appId && alipay.privateKey && alipay.alipayPublicKey) providers.alipay = new AlipayLoginProvider(alipay);
  if (devLoginEnabled) providers.h5 = new DevLoginProvider();
  return providers;
}

export function wireIdentityCore(platform: Pick<Platform, 'config' | 'database' | 'hotStore' | 'trackedReads' | 'now' | 'logger'>, privacyPolicy: PrivacyPolicyResponse): IdentityCore {
  const { config, hotStore, now } = platform;
  const { db } = platform.database;
  const cipher = new PiiCipher(config.security.piiEncryptionKey, config.security.piiHashKey);
  const audit = new AuditLog(db, now);
  const accounts = new SqlAccountStore(db, now);
  const persons = new SqlPersonStore(db, now);
  const registry = new TableRegistry(db, cipher);
  const roles = new RoleService(new SqlRoleStore(db, now), accounts, audit);
  const sessions = new SessionStore(hotStore, config.security.sessionTtlSeconds, now, platform.trackedReads);
  const population = config.identity.registry === 'permissive' ? new PermissiveRegistry() : registry;
  const identity = new IdentityService(accounts, persons, population, cipher);
  const familyStore = new SqlFamilyStore(db);
  // One directory per process: its caches (and the family cache dropped on each change) must be shared by every service.
  const directory = new PersonDirectory(new SqlPersonLookup(db), persons, familyStore, cipher, now);
  const family = new FamilyService(familyStore, persons, population, cipher, directory, now);
  // Listed sessions (我的 → 登录设备), logout and log out everywhere: docs/privacy.md.
  const sessionService = new SessionService(sessions, new SessionListing(db), audit, now, (err) => platform.logger.warn({ err }, 'session last-used batch not written'));
  const auth = new AuthService(loginProviders(config), accounts, roles, sessions, identity, sessionService);
  const limiter = new RateLimiter(hotStore, {
    login: { limit: config.rateLimit.loginPerIpPerMinute, windowMs: 60_000 },
    identity: { limit: config.rateLimit.identityPerAccountPerHour, windowMs: 3_600_000 },
    codeIdLookup: { limit: config.rateLimit.idNumberLookupPerAccountPerHour, windowMs: 3_600_000 },
    ...maskRateRules(config.rateLimit),
  });
  const authenticate = requireAuth(sessions, (id, ip) => sessionService.touch(id, ip));
  const consent = new ConsentService(privacyPolicy, new ConsentStore(db), audit, config.privacy.consentRequired, now);
  // Routes that take an identity (own or a family member's) need the privacy policy agreed to first.
  const authenticateAgreed = withConsent(authenticate, consent);
  return { cipher, audit, accounts, persons, registry, population, roles, sessions, identity, family, directory, sessionService, auth, limiter, authenticate, consent, authenticateAgreed };
}

/** The base domains' routes, in app.ts's router order (the rights routes sit among them). */
export function identityCoreRouters(core: IdentityCore, rights: RightsService, db: Kysely<Database>): Router[] {
  const { auth, limiter, sessionService, authenticate, authenticateAgreed, identity, sessions, family, consent, accounts, roles, audit, cipher } = core;
  return [
    authRoutes(auth, limiter, sessionService, authenticate),
    sessionRoutes(sessionService, authenticate),
    identityRoutes(identity, sessions, authenticateAgreed, limiter),
    familyRoutes(family, authenticate, authenticateAgreed),
    consentRoutes(consent, authenticate),
    rightsRouter(rights, async (id) => (await accounts.findById(id))?.personId ?? null, authenticate),
    meRoutes(accounts, identity, roles, authenticate),
    adminRoleRoutes(roles, authenticate),
    accountSearchRoutes({ db, cipher, audit, roles }, authenticate),
    auditRoutes(audit, roles, authenticate),
  ];
}
