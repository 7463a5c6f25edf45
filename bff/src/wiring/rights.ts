import { accountPersonalData } from '../domains/accounts/account-personal-data';
import type { AppointmentsServices } from '../domains/appointments/build-appointments-domain';
import { appointmentsPersonalData } from '../domains/appointments/appointments-personal-data';
import { sessionPersonalData } from '../domains/auth/session-personal-data';
import { consentPersonalData } from '../domains/consent/consent-personal-data';
import type { HallDomain } from '../domains/hall/build-hall-domain';
import { hallPersonalData } from '../domains/hall/hall-personal-data';
import type { HealthServices } from '../domains/health/build-health-domain';
import { healthPersonalData } from '../domains/health/health-personal-data';
import { identityPersonalData } from '../domains/identity/identity-personal-data';
import type { MasksDomain } from '../domains/masks/build-masks-domain';
import type { MaskHotPath } from '../domains/masks/hot-path/mask-hot-path';
import { masksPersonalData } from '../domains/masks/masks-personal-data';
import { notificationEraser } from '../domains/notifications/notification-personal-data';
import { personalCodePersonalData } from '../domains/personal-code/personal-code-personal-data';
import { erasureTombstone } from '../domains/rights/erasure-tombstone';
import { RightsService } from '../domains/rights/rights-service';
import type { VenuesServices } from '../domains/venues/build-venues-domain';
import { venuesPersonalData } from '../domains/venues/venues-personal-data';
import type { IdentityCore } from './identity-core';
import type { Platform } from './platform';

/** The feature domains that hold personal data. */
export interface PersonalDataHolders {
  masks: MasksDomain['services'];
  maskHotPath: MaskHotPath;
  health: HealthServices;
  appointments: AppointmentsServices;
  hall: HallDomain['services'];
  venues: VenuesServices;
}

/**
 * A citizen's rights (docs/privacy.md): every domain holding personal data registers ONE
 * contributor (export) and ONE eraser (deletion). Erasers run in this order: the erasure mark
 * (a booking in flight is dropped), sessions (nothing new can start), the account row last.
 */
export function wireRights(
  platform: Pick<Platform, 'database' | 'hotStore' | 'now'>,
  core: Pick<IdentityCore, 'sessionService' | 'consent' | 'accounts' | 'roles' | 'identity' | 'family' | 'directory' | 'audit'>,
  holders: PersonalDataHolders,
): RightsService {
  const { hotStore, now } = platform;
  const { db } = platform.database;
  const sessionData = sessionPersonalData(core.sessionService);
  const consentData = consentPersonalData(core.consent);
  const accountData = accountPersonalData(db, core.accounts, core.roles);
  const identityData = identityPersonalData({ db, identity: core.identity, family: core.family, directory: core.directory });
  const masksData = masksPersonalData({ db, reservations: holders.masks.reservations, hotPath: holders.maskHotPath, now });
  const healthData = healthPersonalData(db, hotStore, holders.health);
  const codeData = personalCodePersonalData(db, hotStore, now);
  const appointmentData = appointmentsPersonalData(db, holders.appointments.appointments);
  const hallData = hallPersonalData(db, holders.hall.tickets);
  const venueData = venuesPersonalData(db, holders.venues.retentionDays, now);
  return new RightsService(
    [accountData.contributor, ...identityData.contributors, masksData.contributor, healthData.contributor, codeData.contributor, appointmentData.contributor, hallData.contributor, venueData.contributor, consentData.contributor, sessionData.contributor],
    [erasureTombstone(db, platform.database.dialect, now), sessionData.eraser, masksData.eraser, appointmentData.eraser, hallData.eraser, venueData.eraser, healthData.eraser, codeData.eraser, notificationEraser(db), ...identityData.erasers, consentData.eraser, accountData.eraser],
    core.audit,
    now,
  );
}
