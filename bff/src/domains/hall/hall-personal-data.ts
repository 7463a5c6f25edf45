import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { DataSubject, PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { TicketService } from './queue/ticket-service';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** Tickets taken by the account or for the person. */
const mine = (db: Kysely<Database>, s: DataSubject) =>
  db
    .selectFrom('hall_tickets')
    .where((eb) => (s.personId === null ? eb('taken_by', '=', s.accountId) : eb.or([eb('taken_by', '=', s.accountId), eb('person_id', '=', s.personId)])));

/**
 * Service-hall tickets (取号) in the export (hall, service, number, state, times) and in deletion:
 * every ticket still waiting is cancelled through the queue (the hall's line and board move on);
 * called, served, no-show, transferred and cancelled tickets are kept as the hall's service ledger
 * (waiting-time and ETA reports) under UUIDs only (retention rule, docs/privacy.md).
 */
export function hallPersonalData(db: Kysely<Database>, tickets: TicketService): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: {
      section: 'hallTickets',
      async contribute(s) {
        const rows = await mine(db, s)
          .leftJoin('halls', 'halls.id', 'hall_tickets.hall_id')
          .leftJoin('hall_services', 'hall_services.id', 'hall_tickets.service_id')
          .select(['hall_tickets.id', 'halls.name as hall', 'hall_services.name as service', 'hall_tickets.number', 'hall_tickets.day', 'hall_tickets.state', 'hall_tickets.channel', 'hall_tickets.taken_at', 'hall_tickets.called_at', 'hall_tickets.started_at', 'hall_tickets.finished_at'])
          .orderBy('hall_tickets.taken_at')
          .execute();
        return rows.map((r) => ({
          id: r.id,
          hall: r.hall,
          service: r.service,
          number: r.number,
          day: r.day,
          state: r.state,
          channel: r.channel,
          takenAt: iso(r.taken_at),
          calledAt: iso(r.called_at),
          startedAt: iso(r.started_at),
          finishedAt: iso(r.finished_at),
        }));
      },
    },
    eraser: {
      domain: 'hall',
      async erase(s) {
        const waiting = await mine(db, s).select('id').where('state', '=', 'waiting').execute();
        let ticketsCancelled = 0;
        for (const { id } of waiting) ticketsCancelled += Number(await tickets.cancelForErasure(id));
        return { ticketsCancelled };
      },
    },
  };
}
