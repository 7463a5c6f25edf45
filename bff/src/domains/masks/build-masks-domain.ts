import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { Kysely } from 'kysely';
import type { Logger } from '../../core/create-logger';
import type { RateLimiter } from '../../infra/hot-store/rate-limiter';
import type { Database } from '../../infra/db/database';
import type { AuditLog } from '../audit/audit-log';
import type { PersonDirectory } from '../identity/person-directory';
import type { RoleService } from '../roles/role-service';
import { adminMaskRoutes } from './admin/admin-mask-routes';
import { PharmacyAdminService } from './admin/pharmacy-admin-service';
import { pharmacyImportRoutes } from './admin/pharmacy-import-routes';
import { RoundAdminService } from './admin/round-admin-service';
import { applicantRefKey, applicantRefs } from './lottery/applicant-ref';
import { RoundLifecycleService } from './admin/round-lifecycle-service';
import { roundLifecycleRoutes } from './admin/round-lifecycle-routes';
import type { NotificationOutbox } from '../notifications/notification-outbox';
import type { MaskHotPath } from './hot-path/mask-hot-path';
import { LotteryService } from './lottery/lottery-service';
import { SqlLotteryStore } from './lottery/sql-lottery-store';
import type { MasksConfig } from './masks-config';
import { pharmacyRoutes } from './pharmacies/pharmacy-routes';
import { PharmacyService } from './pharmacies/pharmacy-service';
import { SqlPharmacyStore } from './pharmacies/sql-pharmacy-store';
import { PickupCode } from './pickup-code/pickup-code';
import type { ShortCodes } from './pickup-code/short-code';
import type { FailureLockout } from '../../infra/hot-store/failure-lockout';
import { pharmacyCounterRoutes } from './redemption/pharmacy-counter-routes';
import { RedemptionService } from './redemption/redemption-service';
import { ReservationPresenter } from './reservations/reservation-presenter';
import type { KoaStep } from '../../core/koa-pipeline';
import type { RouteDefinition } from '../../core/pipeline';
import type { SessionStore } from '../auth/session-store';
import { bookingRoute, reservationRoutes } from './reservations/reservation-routes';
import { eligibilityRoutes } from './reservations/eligibility-routes';
import { EligibilityService } from './reservations/eligibility-service';
import { ReservationService } from './reservations/reservation-service';
import { SoldOutCache } from './sold-out-cache';
import { SqlReservationStore } from './reservations/sql-reservation-store';
import { roundRoutes } from './rounds/round-routes';
import { LotteryDrawService } from './operations/lottery-draw-service';
import { operationsRoutes } from './operations/operations-routes';
import { RoundService } from './rounds/round-service';
import { SqlQuotaStore } from './rounds/sql-quota-store';
import { SqlRoundStore } from './rounds/sql-round-store';

export interface MasksDomainDeps {
  db: Kysely<Database>;
  config: MasksConfig;
  hotPath: MaskHotPath;
  /** Persons of accounts, family members, masked names: the identity domain's, one per app. */
  directory: PersonDirectory;
  roles: RoleService;
  audit: AuditLog;
  /** Must know the rules `maskBooking` and `maskBookingIp` (see maskRateRules). */
  limiter: RateLimiter;
  authenticate: KoaStep;
  /** Reads the deferred large bodies (the pharmacy CSV import) after the role guard. */
  uploadBody: Middleware;
  /** For bookings that hand their session check to the hot path (reservation-routes). */
  sessions: SessionStore;
  /** Where a round's close or cancel tells the holders (the notifications domain's outbox). */
  notices: Pick<NotificationOutbox, 'enqueue'>;
  logger: Logger;
  now: () => number;
  /** Short 取货码 (the same instance the hot path's sink writes with). */
  shortCodes: ShortCodes;
  /** Wrong short codes per pharmacist (rateLimit.shortCodeMisses…). */
  shortCodeMisses: FailureLockout;
}

export interface MasksDomain {
  routers: Router[];
  /** Declared routes the app's fast lane (core/fast-lane) also runs, in front of Koa. */
  laneRoutes: RouteDefinition[];
  services: {
    rounds: RoundService;
    pharmacies: PharmacyService;
    reservations: ReservationService;
    eligibility: EligibilityService;
    redemptions: RedemptionService;
    pharmacyAdmin: PharmacyAdminService;
    roundAdmin: RoundAdminService;
    roundLifecycle: RoundLifecycleService;
    pickupCodes: PickupCode;
    shortCodes: ShortCodes;
    /** The identity domain's directory it was given (deps.directory), the same instance. */
    directory: PersonDirectory;
  };
}

/** The masks domain's own composition root: stores → services → routers, all from explicit deps. */
export function buildMasksDomain(deps: MasksDomainDeps): MasksDomain {
  const { db, config, hotPath, now, logger, directory } = deps;
  const roundStore = new SqlRoundStore(db);
  const quotaStore = new SqlQuotaStore(db);
  const pharmacyStore = new SqlPharmacyStore(db, now);
  const reservationStore = new SqlReservationStore(db);
  const pickupCodes = new PickupCode(config.pickupCodeKey);

  const rounds = new RoundService(roundStore, now);
  const pharmacies = new PharmacyService(pharmacyStore, quotaStore, rounds, hotPath, now, 5000, (err) => logger.warn({ err: String(err) }, 'pharmacy stock refresh failed; serving the last snapshot'));
  const applicantRef = applicantRefs(applicantRefKey(config.pickupCodeKey));
  const presenter = new ReservationPresenter(pharmacies, pharmacyStore, directory, pickupCodes, deps.shortCodes, applicantRef);
  const soldOut = new SoldOutCache(1000, now);
  const lottery = new LotteryService(new SqlLotteryStore(db), reservationStore, now);
  const reservations = new ReservationService(hotPath, reservationStore, rounds, pharmacies, directory, lottery, soldOut, presenter, logger, now);
  const eligibility = new EligibilityService({ rounds, pharmacies, directory, hotPath, lottery, soldOut, now });
  const redemptions = new RedemptionService(reservationStore, pickupCodes, hotPath, rounds, directory, presenter, deps.audit, logger, now, config, deps.shortCodeMisses);
  const pharmacyAdmin = new PharmacyAdminService(pharmacyStore, pharmacies, deps.audit);
  const roundAdmin = new RoundAdminService(roundStore, quotaStore, pharmacyStore, hotPath, rounds, pharmacies, soldOut, deps.audit, config, now);
  const roundLifecycle = new RoundLifecycleService(db, roundStore, hotPath, rounds, pharmacies, deps.audit, deps.notices, now);
  const booking = bookingRoute({ reservations, sessions: deps.sessions, limiter: deps.limiter, authenticate: deps.authenticate });

  return {
    routers: [
      roundRoutes(rounds, now),
      pharmacyRoutes(pharmacies),
      reservationRoutes(reservations, booking, deps.authenticate),
      eligibilityRoutes(eligibility, deps.authenticate),
      pharmacyCounterRoutes(redemptions, deps.roles, deps.authenticate),
      adminMaskRoutes(pharmacyAdmin, roundAdmin, deps.roles, deps.authenticate),
      pharmacyImportRoutes({ db, audit: deps.audit, roles: deps.roles, pharmacies, authenticate: deps.authenticate, uploadBody: deps.uploadBody, now }),
      roundLifecycleRoutes(roundLifecycle, deps.roles, deps.authenticate),
      operationsRoutes({ db, hotPath, audit: deps.audit, lottery: new LotteryDrawService(db, hotPath, deps.audit, now, applicantRef, deps.shortCodes), roles: deps.roles, authenticate: deps.authenticate, pickupDays: config.pickupCodeTtlDays, applicantRef, now }),
    ],
    laneRoutes: [booking],
    services: { rounds, pharmacies, reservations, eligibility, redemptions, pharmacyAdmin, roundAdmin, roundLifecycle, pickupCodes, shortCodes: deps.shortCodes, directory },
  };
}
