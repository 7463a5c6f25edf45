import type { HealthServices } from '../domains/health/build-health-domain';
import type { NotificationOutbox } from '../domains/notifications/notification-outbox';
import type { ReplicaAck } from '../infra/redis/replica-ack';
import { buildVenuesDomain, type VenuesDomain } from '../domains/venues/build-venues-domain';
import type { IdentityCore } from './identity-core';
import { instanceName, type Platform } from './platform';

export interface VenuesPorts {
  replicaAck: ReplicaAck | null;
  /** Colours and exposures: the health domain's. */
  health: Pick<HealthServices, 'statusOf' | 'recordExposures'>;
  notices: Pick<NotificationOutbox, 'enqueue'>;
}

/** Venue codes, durable check-ins, retention and contact tracing (not started: app.ts calls start()). */
export function wireVenues(platform: Platform, core: Pick<IdentityCore, 'directory' | 'roles' | 'audit' | 'authenticate'>, ports: VenuesPorts): VenuesDomain {
  const { config, database, redis, logger, now } = platform;
  const { health, notices } = ports;
  return buildVenuesDomain({
    database,
    redis,
    replicaAck: ports.replicaAck,
    config: config.venues,
    piiHashKey: config.security.piiHashKey,
    runWorkers: config.masks.runWorkers,
    instanceName: instanceName(config),
    directory: core.directory,
    health: { statusOf: (personId) => health.statusOf(personId), recordExposures: (reports, actor) => health.recordExposures(reports, actor) },
    notifier: {
      async exposureNotice(n) {
        await notices.enqueue({ personId: n.personId, template: 'health_colour_changed', data: { colour: n.colour, changedAt: n.at, reason: n.reason }, dedupeKey: n.dedupeKey });
      },
    },
    roles: core.roles,
    audit: core.audit,
    authenticate: core.authenticate,
    logger,
    now,
  });
}
