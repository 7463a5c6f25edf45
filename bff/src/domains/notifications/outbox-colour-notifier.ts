import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { NotificationOutbox } from './notification-outbox';

type Colour = 'green' | 'yellow' | 'red';

/** A person's health-code colour changed (the health domain's event, in the shape it sends). */
export interface ColourChangeNotice {
  personId: string;
  from: Colour | null;
  to: Colour;
  cause: string;
  /** When it changed (epoch ms); with the person and colour it names the event for de-duplication. */
  at: number;
  /** The first reason's text, for the message's short line. */
  reason?: string;
}

/**
 * The health domain's ColourChangeNotifier on the one outbox: the notice is written in the same
 * transaction as the change, so a committed change is always told and a rolled-back one never.
 */
export function outboxColourNotifier(outbox: NotificationOutbox) {
  return {
    async colourChanged(notice: ColourChangeNotice, trx?: Kysely<Database>): Promise<void> {
      await outbox.enqueue(
        {
          personId: notice.personId,
          template: 'health_colour_changed',
          data: { colour: notice.to, ...(notice.from ? { previousColour: notice.from } : {}), changedAt: notice.at, ...(notice.reason ? { reason: notice.reason.slice(0, 64) } : {}) },
          dedupeKey: `${notice.personId}:${notice.at}:${notice.to}`,
        },
        trx,
      );
    },
  };
}
