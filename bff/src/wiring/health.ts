import type { Middleware } from 'koa';
import { buildHealthDomain, type HealthDomain } from '../domains/health/build-health-domain';
import type { ColourChangeNotifier, PersonalCodeIssuer } from '../domains/health/health-ports';
import type { HealthRules } from '../domains/health/rules/health-rules-schema';
import type { IdentityCore } from './identity-core';
import type { Platform } from './platform';

export interface HealthPorts {
  rules: HealthRules;
  uploadBody: Middleware;
  /** The personal code's issuer (or a test's fake). */
  issuer: PersonalCodeIssuer;
  /** Tells a person their colour changed (the notification outbox, or a test's recorder). */
  notifier: ColourChangeNotifier;
}

export function wireHealth(
  platform: Pick<Platform, 'database' | 'hotStore' | 'trackedReads' | 'logger' | 'now'>,
  core: Pick<IdentityCore, 'cipher' | 'roles' | 'audit' | 'authenticate' | 'directory'>,
  ports: HealthPorts,
): HealthDomain {
  const { database, hotStore, logger, now } = platform;
  const { cipher, roles, audit, authenticate, directory } = core;
  return buildHealthDomain({ db: database.db, hotStore, rules: ports.rules, cipher, roles, audit, authenticate, uploadBody: ports.uploadBody, directory, issuer: ports.issuer, notifier: ports.notifier, logger, now, reads: platform.trackedReads });
}
