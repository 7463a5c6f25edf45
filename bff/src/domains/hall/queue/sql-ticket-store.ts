import type { Kysely, Selectable } from 'kysely';
import { PriorityReason, TicketClass, TicketState } from '@govpass/shared-types';
import type { Database, HallTicketsTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { TicketRecord } from './ticket-record';

export function recordOf(r: Selectable<HallTicketsTable>): TicketRecord {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id, hallId: r.hall_id, day: r.day, serviceId: r.service_id, seq: Number(r.seq), number: r.number, personId: r.person_id, takenBy: r.taken_by,
    channel: r.channel === 'code' ? 'code' : 'remote', ticketClass: TicketClass.parse(r.ticket_class), priority: r.priority ? r.priority.split(',').map((p) => PriorityReason.parse(p)) : [],
    appointmentId: r.appointment_id, state: TicketState.parse(r.state), rankAt: Number(r.rank_at), takenAt: Number(r.taken_at), arrivedAt: Number(r.arrived_at),
    calledAt: n(r.called_at), startedAt: n(r.started_at), finishedAt: n(r.finished_at), windowId: r.window_id, calls: Number(r.calls), etaP50Min: n(r.eta_p50_min), etaP90Min: n(r.eta_p90_min), transferredFrom: r.transferred_from,
  };
}

export interface EtaSample {
  serviceId: string;
  etaP50Min: number;
  etaP90Min: number;
  /** Actual wait from taking to the first call, minutes. */
  actualMin: number;
}

/**
 * hall_tickets, the durable copy of the queue: a ticket is inserted before it is answered (a BFF
 * killed right after loses nothing it acknowledged) and updated on every step.
 */
export class SqlTicketStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Idempotent: a replayed take inserts nothing new. */
  async insert(t: TicketRecord): Promise<void> {
    try {
      await this.db.insertInto('hall_tickets').values({
        id: t.id, hall_id: t.hallId, service_id: t.serviceId, day: t.day, seq: t.seq, number: t.number, person_id: t.personId, taken_by: t.takenBy, channel: t.channel,
        ticket_class: t.ticketClass, priority: t.priority.join(','), appointment_id: t.appointmentId, state: t.state, rank_at: t.rankAt, taken_at: t.takenAt, arrived_at: t.arrivedAt,
        called_at: t.calledAt, started_at: t.startedAt, finished_at: t.finishedAt, window_id: t.windowId, calls: t.calls, eta_p50_min: t.etaP50Min, eta_p90_min: t.etaP90Min,
        transferred_from: t.transferredFrom, updated_at: this.now(),
      }).execute();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  async update(t: TicketRecord): Promise<void> {
    await this.db.updateTable('hall_tickets').set({
      state: t.state, ticket_class: t.ticketClass, priority: t.priority.join(','), called_at: t.calledAt, started_at: t.startedAt, finished_at: t.finishedAt,
      window_id: t.windowId, calls: t.calls, updated_at: this.now(),
    }).where('id', '=', t.id).execute();
  }

  async find(id: string): Promise<TicketRecord | null> {
    const r = await this.db.selectFrom('hall_tickets').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? recordOf(r) : null;
  }

  async ofPersons(personIds: readonly string[], day: string): Promise<TicketRecord[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.selectFrom('hall_tickets').selectAll().where('person_id', 'in', personIds).where('day', '=', day).orderBy('taken_at', 'desc').execute();
    return rows.map(recordOf);
  }

  async countOfDay(hallId: string, day: string): Promise<number> {
    const r = await this.db.selectFrom('hall_tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('hall_id', '=', hallId).where('day', '=', day).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Tickets with an ETA given and a first call since `fromDay`: the ETA-error report's input. */
  async etaSamples(hallId: string, fromDay: string): Promise<EtaSample[]> {
    const rows = await this.db.selectFrom('hall_tickets').select(['service_id', 'eta_p50_min', 'eta_p90_min', 'taken_at', 'called_at'])
      .where('hall_id', '=', hallId).where('day', '>=', fromDay).where('called_at', 'is not', null).where('eta_p50_min', 'is not', null).execute();
    return rows.map((r) => ({ serviceId: r.service_id, etaP50Min: Number(r.eta_p50_min), etaP90Min: Number(r.eta_p90_min), actualMin: (Number(r.called_at) - Number(r.taken_at)) / 60_000 }));
  }
}
