import type { AppointmentsServices } from '../domains/appointments/build-appointments-domain';
import { buildHallDomain, type HallDomain } from '../domains/hall/build-hall-domain';
import type { ArrivalAppointments, CalledNotice, HallCodeResolver, HallNotifier, HallPeople, TurnNearNotice } from '../domains/hall/hall-ports';
import type { EnqueueInput, NotificationOutbox } from '../domains/notifications/notification-outbox';
import type { IdentityCore } from './identity-core';
import { instanceName, type Platform } from './platform';
import type { ReplicaAck } from '../infra/redis/replica-ack';

export interface HallPorts {
  /** Tickets are answered once their stream entry is on the replicas (null: no WAIT). */
  replicaAck: ReplicaAck | null;
  /** The personal code every window scans. */
  codes: HallCodeResolver;
  notices: Pick<NotificationOutbox, 'enqueueMany'>;
  /** The appointments domain's check-in, unless a test gives its own (`arrivals`). */
  appointmentArrivals: AppointmentsServices['arrivals'];
  arrivals?: ArrivalAppointments;
}

function hallPeople({ directory, persons }: Pick<IdentityCore, 'directory' | 'persons'>): HallPeople {
  return {
    resolveSubject: (accountId, personId) => directory.resolveSubject(accountId, personId),
    personsOf: async (accountId) => {
      const holder = await directory.personOfAccount(accountId);
      return holder ? directory.bookablePersons(holder) : [];
    },
    maskedName: (personId) => directory.maskedName(personId),
    birthDate: async (personId) => (await persons.findById(personId))?.birthDate ?? null,
  };
}

function calledInput(n: CalledNotice): EnqueueInput<'hall_called'> {
  return { personId: n.personId, template: 'hall_called', dedupeKey: n.callId, data: { hallName: n.hallName, ticketNumber: n.ticketNumber, windowName: n.windowName, calledAt: n.calledAt } };
}

function turnNearInput(n: TurnNearNotice): EnqueueInput<'hall_turn_near'> {
  return { personId: n.personId, template: 'hall_turn_near', dedupeKey: n.ticketId, data: { hallName: n.hallName, ticketNumber: n.ticketNumber, ahead: n.ahead, etaMinutes: n.etaMinutes } };
}

function hallNotifier(outbox: Pick<NotificationOutbox, 'enqueueMany'>): HallNotifier {
  return {
    notify: async (notices) => {
      await outbox.enqueueMany(notices.map((n) => (n.kind === 'called' ? calledInput(n) : turnNearInput(n))));
    },
  };
}

/** The service hall: it reaches identity, the personal code and the outbox through its ports (hall-ports.ts). */
export function wireHall(
  platform: Pick<Platform, 'config' | 'database' | 'redis' | 'logger' | 'now'>,
  core: Pick<IdentityCore, 'directory' | 'persons' | 'roles' | 'audit' | 'authenticate'>,
  ports: HallPorts,
): HallDomain {
  const { config, database, redis, logger, now } = platform;
  const { appointmentArrivals } = ports;
  return buildHallDomain({
    db: database.db,
    dialect: database.dialect,
    redis,
    replicaAck: ports.replicaAck,
    instanceName: instanceName(config),
    runWorkers: config.masks.runWorkers,
    config: config.hallQueue,
    roles: core.roles,
    audit: core.audit,
    authenticate: core.authenticate,
    people: hallPeople(core),
    codes: { resolve: (code) => ports.codes.resolve(code) },
    notifier: hallNotifier(ports.notices),
    arrivals: ports.arrivals ?? { checkInArrival: (personId, hallId, serviceId, at) => appointmentArrivals.checkInArrival(personId, hallId, serviceId, at.getTime()) },
    logger,
    now,
  });
}
