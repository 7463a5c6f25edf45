import { buildPersonalCodeDomain, type PersonalCodeDomain } from '../domains/personal-code/build-personal-code-domain';
import type { PersonStatusSource } from '../domains/personal-code/personal-code-ports';
import type { IdentityCore } from './identity-core';
import type { Platform } from './platform';

/** The personal code (个人码); `status` is the health domain's colour, bound late by app.ts. */
export function wirePersonalCode(
  platform: Pick<Platform, 'config' | 'database' | 'hotStore' | 'logger' | 'now'>,
  core: Pick<IdentityCore, 'directory' | 'limiter' | 'persons' | 'population' | 'cipher' | 'roles' | 'audit' | 'authenticate'>,
  status: PersonStatusSource,
): PersonalCodeDomain {
  const { config, database, hotStore, logger, now } = platform;
  const { directory, limiter, persons, population, cipher, roles, audit, authenticate } = core;
  return buildPersonalCodeDomain({
    db: database.db,
    hotStore,
    config: config.codes,
    directory,
    status,
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
}
