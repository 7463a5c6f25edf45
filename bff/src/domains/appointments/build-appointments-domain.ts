import type { Router } from '@koa/router';
import type { Kysely } from 'kysely';
import type { Middleware } from 'koa';
import type { Logger } from '../../core/create-logger';
import type { Database } from '../../infra/db/database';
import type { HotStore } from '../../infra/hot-store/hot-store';
import type { RedisClient } from '../../infra/redis/create-redis-client';
import type { AuditLog } from '../audit/audit-log';
import type { RoleService } from '../roles/role-service';
import type { AppointmentNotices, AppointmentPersons, CompletedVisits, HallSchedule, HallVisitStats } from './appointment-ports';
import { AppointmentPresenter } from './appointment-presenter';
import { citizenAppointmentRoutes, hallStaffAppointmentRoutes } from './appointment-routes';
import { AppointmentService } from './appointment-service';
import type { AppointmentSettings } from './appointments-settings';
import { ArrivalCheckIn } from './arrival-check-in';
import { RedisArrivalIndex } from './arrival-index';
import { BookingRules } from './booking-rules';
import { NoShowSweeper, startNoShowSweeps } from './no-show-sweeper';
import { PhantomPlaces } from './phantom-places';
import { PlaceKeeper } from './place-keeper';
import { HallStatsService } from './ratings/hall-stats-service';
import { RatingService } from './ratings/rating-service';
import { SqlRatingStore } from './ratings/sql-rating-store';
import { MemorySlotCounter } from './slots/memory-slot-counter';
import { RedisSlotCounter } from './slots/redis-slot-counter';
import { SlotPlanner } from './slots/slot-planner';
import { SlotSettingsSchedule } from './slots/slot-settings-schedule';
import { SlotSettingsService } from './slots/slot-settings-service';
import { slotSettingsRoutes } from './slots/slot-settings-routes';
import { SqlSlotSettingsStore } from './slots/sql-slot-settings-store';
import { SqlAppointmentStore } from './sql-appointment-store';
import { WaitlistService } from './waitlist-service';

export interface AppointmentsDomainDeps {
  db: Kysely<Database>;
  /** null: the embedded default (slot counters in this process). */
  redis: RedisClient | null;
  /** Per person-day booking guard (set-if-absent). */
  hotStore: HotStore;
  settings: AppointmentSettings;
  schedule: HallSchedule;
  visits: CompletedVisits & HallVisitStats;
  persons: AppointmentPersons;
  notices: AppointmentNotices;
  roles: RoleService;
  audit: AuditLog;
  authenticate: Middleware;
  logger: Logger;
  now: () => number;
}

export interface AppointmentsServices {
  appointments: AppointmentService;
  waitlist: WaitlistService;
  planner: SlotPlanner;
  /** The hall domain's ArrivalAppointments (wired into the queue in app.ts). */
  arrivals: ArrivalCheckIn;
  noShows: NoShowSweeper;
  ratings: RatingService;
  stats: HallStatsService;
}

export interface AppointmentsDomain {
  routers: Router[];
  services: AppointmentsServices;
  close(): Promise<void>;
}

/** The appointments domain's composition root: stores → services → routers, from explicit deps. */
export function buildAppointmentsDomain(deps: AppointmentsDomainDeps): AppointmentsDomain {
  const { db, settings, now } = deps;
  // Every row is marked in the arrival index before it is written; the index rebuilds from MySQL.
  const rows = new SqlAppointmentStore(db);
  const arrivalIndex = deps.redis ? new RedisArrivalIndex(deps.redis, (hallId, date) => rows.personsOfHallDay(hallId, date), now) : null;
  const store = new SqlAppointmentStore(db, arrivalIndex);
  // The managers' slot length and places per service apply to every read of the schedule.
  const slotSettingsStore = new SqlSlotSettingsStore(db);
  const schedule = new SlotSettingsSchedule(deps.schedule, slotSettingsStore, now);
  const slotSettings = new SlotSettingsService(slotSettingsStore, schedule, settings, deps.audit, now);
  const counter = deps.redis ? new RedisSlotCounter(deps.redis) : new MemorySlotCounter(now);
  const planner = new SlotPlanner(schedule, store, settings, now);
  const keeper = new PlaceKeeper(store, counter, deps.notices, deps.logger, now);
  const rules = new BookingRules(store, schedule, deps.hotStore, now);
  const presenter = new AppointmentPresenter(deps.persons, store, settings);
  const appointments = new AppointmentService({ store, planner, keeper, rules, persons: deps.persons, presenter, now });
  const waitlist = new WaitlistService({ store, planner, keeper, rules, persons: deps.persons, presenter, appointments, now });
  const ratingStore = new SqlRatingStore(db);
  const ratings = new RatingService({ store: ratingStore, visits: deps.visits, persons: deps.persons, audit: deps.audit, followUpWorkingDays: settings.followUpWorkingDays, now });
  const stats = new HallStatsService(ratingStore, store, deps.visits, now);
  const noShows = new NoShowSweeper(store, settings, now, new PhantomPlaces(store, counter, keeper, rules, now));
  const sweeps = settings.runWorkers ? startNoShowSweeps(noShows, settings.sweepIntervalMs, deps.logger) : null;
  const services = { appointments, waitlist, planner, arrivals: new ArrivalCheckIn(store, settings, arrivalIndex), noShows, ratings, stats };
  return {
    routers: [
      citizenAppointmentRoutes(services, deps.authenticate),
      hallStaffAppointmentRoutes(services, deps.roles, deps.audit, deps.authenticate),
      slotSettingsRoutes(slotSettings, deps.roles, deps.authenticate),
    ],
    services,
    close: async () => sweeps?.stop(),
  };
}
