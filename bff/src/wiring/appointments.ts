import type { AppointmentNotices, CompletedVisits, HallSchedule, HallVisitStats } from '../domains/appointments/appointment-ports';
import { buildAppointmentsDomain, type AppointmentsDomain } from '../domains/appointments/build-appointments-domain';
import { RegistryHallSchedule, type HallRegistryView } from '../domains/appointments/registry-hall-schedule';
import { HallVisits } from '../domains/hall/queue/hall-visits';
import type { TicketService } from '../domains/hall/queue/ticket-service';
import type { NotificationOutbox } from '../domains/notifications/notification-outbox';
import type { IdentityCore } from './identity-core';
import type { Platform } from './platform';

export interface AppointmentsPorts {
  notices: Pick<NotificationOutbox, 'enqueue'>;
  /** The hall registry: the hall domain is built after this one, so it is read per call. */
  halls: () => HallRegistryView;
  /** The hall's live queue: hall_tickets trails it by the stream consumer (read per call, built later). */
  tickets: () => Pick<TicketService, 'load'>;
  /** A test's own hall schedule and visits instead of the hall registry's and queue's. */
  schedule?: HallSchedule;
  visits?: CompletedVisits & HallVisitStats;
}

/** A waitlisted person offered a freed place hears it through the notification outbox. */
function appointmentNotices(outbox: Pick<NotificationOutbox, 'enqueue'>): AppointmentNotices {
  return {
    placeOffered: async (n, trx) => {
      const data = { appointmentId: n.appointmentId, hallName: n.hallName, serviceName: n.serviceName, date: n.date, start: n.start, offeredAt: n.offeredAt };
      await outbox.enqueue({ personId: n.personId, template: 'appointment_offered', data, dedupeKey: `offer:${n.appointmentId}` }, trx);
    },
  };
}

/** Service-hall appointments (预约): the hall registry and queue reached through this domain's ports. */
export function wireAppointments(
  platform: Pick<Platform, 'config' | 'database' | 'redis' | 'hotStore' | 'logger' | 'now'>,
  core: Pick<IdentityCore, 'directory' | 'roles' | 'audit' | 'authenticate'>,
  ports: AppointmentsPorts,
): AppointmentsDomain {
  const { config, database, redis, hotStore, logger, now } = platform;
  const { directory, roles, audit, authenticate } = core;
  return buildAppointmentsDomain({
    db: database.db,
    redis,
    hotStore,
    settings: config.appointments,
    schedule: ports.schedule ?? new RegistryHallSchedule({ getHall: (id) => ports.halls().getHall(id), listServices: (id) => ports.halls().listServices(id) }),
    visits: ports.visits ?? new HallVisits(database.db, (id) => ports.tickets().load(id).catch(() => null)),
    persons: directory,
    notices: appointmentNotices(ports.notices),
    roles,
    audit,
    authenticate,
    logger,
    now,
  });
}
