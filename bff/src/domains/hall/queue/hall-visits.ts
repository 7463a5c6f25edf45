import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';

/*
 * Visits (tickets) as other domains ask about them: the appointments domain's CompletedVisits
 * (a rating needs a completed visit of the rater) and HallVisitStats (managers' statistics).
 * Read from hall_tickets, the queue's durable copy; declared by shape, so this file imports no
 * other domain (app.ts passes it to the appointments domain).
 */

export interface VisitOfTicket {
  ticketId: string;
  personId: string;
  hallId: string;
  serviceId: string;
  windowId: string | null;
  /** finished_at of a ticket whose state is done; null otherwise. */
  completedAt: number | null;
}

export interface VisitFigureRow {
  id: string;
  served: number;
  avgWaitMinutes: number | null;
  avgServiceMinutes: number | null;
  noShows: number;
  etaErrorP50Minutes: number | null;
  etaErrorP90Minutes: number | null;
}

interface Row {
  service_id: string;
  window_id: string | null;
  state: string;
  taken_at: number;
  arrived_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  eta_p50_min: number | null;
}

const MAX_ROWS = 200_000;
const MIN = 60_000;
const round1 = (v: number) => Math.round(v * 10) / 10;

function mean(values: number[]): number | null {
  return values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

function quantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]);
}

/** Served, wait (from arrival to the first call), service time, no-shows and ETA error of a group of tickets. */
function figuresOf(id: string, rows: Row[]): VisitFigureRow {
  const done = rows.filter((r) => r.state === 'done');
  const waits = rows.filter((r) => r.called_at !== null).map((r) => (Number(r.called_at) - Number(r.arrived_at)) / MIN);
  const service = done.filter((r) => r.started_at !== null && r.finished_at !== null).map((r) => (Number(r.finished_at) - Number(r.started_at)) / MIN);
  const etaErrors = rows.filter((r) => r.called_at !== null && r.eta_p50_min !== null).map((r) => Math.abs(Number(r.eta_p50_min) - (Number(r.called_at) - Number(r.taken_at)) / MIN));
  return {
    id,
    served: done.length,
    avgWaitMinutes: mean(waits),
    avgServiceMinutes: mean(service),
    noShows: rows.filter((r) => r.state === 'no_show').length,
    etaErrorP50Minutes: quantile(etaErrors, 0.5),
    etaErrorP90Minutes: quantile(etaErrors, 0.9),
  };
}

function groupBy(rows: Row[], key: (r: Row) => string | null): VisitFigureRow[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups].map(([id, g]) => figuresOf(id, g));
}

/** A ticket as the live queue has it (hot store first), or null. */
export type LiveTicket = (ticketId: string) => Promise<{ id: string; personId: string; hallId: string; serviceId: string; windowId: string | null; state: string; finishedAt: number | null } | null>;

export class HallVisits {
  constructor(
    private readonly db: Kysely<Database>,
    /**
     * hall_tickets trails the queue by the durable stream's consumer (milliseconds): a visit not
     * (yet) completed there is asked of the live queue, so a rating right after completion counts.
     */
    private readonly live: LiveTicket | null = null,
  ) {}

  async visitOf(ticketId: string): Promise<VisitOfTicket | null> {
    const r = await this.db.selectFrom('hall_tickets').select(['id', 'person_id', 'hall_id', 'service_id', 'window_id', 'state', 'finished_at']).where('id', '=', ticketId).executeTakeFirst();
    if ((!r || r.state !== 'done') && this.live) {
      const t = await this.live(ticketId);
      if (t) return { ticketId: t.id, personId: t.personId, hallId: t.hallId, serviceId: t.serviceId, windowId: t.windowId, completedAt: t.state === 'done' ? t.finishedAt : null };
    }
    if (!r) return null;
    const completedAt = r.state === 'done' && r.finished_at !== null ? Number(r.finished_at) : null;
    return { ticketId: r.id, personId: r.person_id, hallId: r.hall_id, serviceId: r.service_id, windowId: r.window_id, completedAt };
  }

  /** Tickets taken in [fromMs, toMs), per service and per window (the window that called them). */
  async visitStats(hallId: string, fromMs: number, toMs: number): Promise<{ services: VisitFigureRow[]; windows: VisitFigureRow[] }> {
    const rows: Row[] = await this.db
      .selectFrom('hall_tickets')
      .select(['service_id', 'window_id', 'state', 'taken_at', 'arrived_at', 'called_at', 'started_at', 'finished_at', 'eta_p50_min'])
      .where('hall_id', '=', hallId)
      .where('taken_at', '>=', fromMs)
      .where('taken_at', '<', toMs)
      .limit(MAX_ROWS)
      .execute();
    return { services: groupBy(rows, (r) => r.service_id), windows: groupBy(rows, (r) => r.window_id) };
  }
}
