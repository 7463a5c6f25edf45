import { createHash, randomUUID } from 'node:crypto';
import { HALL_STAFF, type PriorityReason, type RoleGrant, type TakeTicketRequest, type TicketClass, type TicketView } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import type { ArrivalAppointments, HallCodeResolver, HallPeople } from '../hall-ports';
import { assertHallScope } from '../hall-scope';
import type { HallDirectory, HallSnapshot } from '../registry/hall-directory';
import { distanceMetres, isOpenAt } from '../registry/opening-hours';
import type { OrderPolicy } from './queue-order';
import type { QueueReader } from './queue-reader';
import type { QueueStore } from './queue-store';
import type { SqlTicketStore } from './sql-ticket-store';
import type { ChangeSink } from './ticket-effects';
import type { TicketLocator } from './ticket-locator';
import type { NewTicket, TicketRecord } from './ticket-record';
import { ticketView } from './ticket-views';

export interface TicketSettings {
  remoteMaxMetres: number;
  elderlyAge: number;
}

/** Birth dates never change: remembered per person (bounded). */
const BIRTH_CACHE_MAX = 100_000;
/** Waiting tickets remembered for live reads (bounded). */
const WAITING_CACHE_MAX = 200_000;

export interface TicketDeps {
  directory: HallDirectory;
  store: QueueStore;
  reader: QueueReader;
  sink: SqlTicketStore;
  /** Where a change goes after the hot store (the durable stream already has it on Redis). */
  changes: ChangeSink;
  locator: TicketLocator;
  people: HallPeople;
  codes: HallCodeResolver;
  arrivals: ArrivalAppointments;
  settings: TicketSettings;
  policy: OrderPolicy;
  now: () => number;
}

export interface Caller {
  accountId: string;
  /** Role grants (only read for a scanned code). */
  grants: () => Promise<readonly RoleGrant[]>;
}

/** Full years between a YYYY-MM-DD birth date and a China day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Taking a ticket and the citizen's live view. */
export class TicketService {
  private readonly births = new Map<string, string | null>();
  /**
   * Waiting tickets as last read: while the hall's queue view still lists a ticket as waiting (with
   * the same class), nothing else of it can have changed, so a live read needs no hot-store read.
   */
  private readonly waiting = new Map<string, TicketRecord>();

  /**
   * Tickets no longer waiting (called, serving, done …) as loaded at a view's version: while the
   * hall-day's view is at that version, nothing of the hall-day changed as far as this process can
   * tell (the same 1.5 s the positions are), so a live read of a called ticket needs no hot-store read.
   */
  private readonly settled = new Map<string, { ticket: TicketRecord; version: number }>();

  private remember(t: TicketRecord): void {
    if (t.state !== 'waiting') {
      this.waiting.delete(t.id);
      return;
    }
    if (this.waiting.size >= WAITING_CACHE_MAX) this.waiting.clear();
    this.waiting.set(t.id, t);
  }

  constructor(private readonly d: TicketDeps) {}

  private async birthDate(personId: string): Promise<string | null> {
    if (this.births.has(personId)) return this.births.get(personId) ?? null;
    const birth = await this.d.people.birthDate(personId);
    if (this.births.size >= BIRTH_CACHE_MAX) this.births.clear();
    this.births.set(personId, birth);
    return birth;
  }

  async snapshot(hallId: string): Promise<HallSnapshot> {
    const snap = await this.d.directory.snapshot(hallId);
    if (!snap) throw new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
    return snap;
  }

  async take(caller: Caller, hallId: string, req: TakeTicketRequest, idempotencyKey: string): Promise<{ ticket: TicketView; replayed: boolean }> {
    const now = this.d.now();
    const snap = await this.snapshot(hallId);
    const service = snap.services.find((s) => s.id === req.serviceId);
    if (!service) throw new AppError(404, 'SERVICE_NOT_FOUND', 'No such service in this hall');
    const personId = await this.personOf(caller, snap, req);
    if (!isOpenAt(snap.hall, now)) throw new AppError(409, 'HALL_CLOSED', 'The hall is closed now');
    const appointment = await this.d.arrivals.checkInArrival(personId, hallId, service.id, new Date(now));
    if (service.appointmentMode === 'required' && !appointment) throw new AppError(409, 'APPOINTMENT_REQUIRED', 'This service is by appointment only');
    const priority = await this.priorityOf(personId, req, chinaDateOf(now));
    const ticketClass: TicketClass = appointment ? 'appointment' : priority.length > 0 ? 'priority' : 'normal';
    const day = chinaDateOf(now);
    const fresh: NewTicket = {
      id: randomUUID(), hallId, day, serviceId: service.id, ticketPrefix: service.ticketPrefix, personId, takenBy: caller.accountId, channel: req.mode, ticketClass, priority,
      appointmentId: appointment?.appointmentId ?? null, state: 'waiting', rankAt: now, takenAt: now, arrivedAt: now, calledAt: null, startedAt: null, finishedAt: null,
      windowId: null, calls: 0, etaP50Min: null, etaP90Min: null, transferredFrom: null,
    };
    const fingerprint = createHash('sha256').update(`${hallId}|${service.id}|${req.mode}|${personId}`).digest('base64url').slice(0, 22);
    // The hall's queue as read at most moments ago (not re-read per ticket: a burst would read it
    // per request); the new ticket is placed by the ordering rule (ticket-views). The ETA given is
    // part of the ticket the script stores and streams (the ETA-error report reads it).
    const q = await this.d.reader.view(snap, day);
    const given = ticketView({ ...fresh, seq: Number.MAX_SAFE_INTEGER, number: '' }, snap, q, this.d.policy).eta;
    fresh.etaP50Min = given?.p50Min ?? null;
    fresh.etaP90Min = given?.p90Min ?? null;
    // Durable once this resolves: in the stream (and on the replicas) on Redis; see changes below.
    const { ticket, replayed } = await this.d.store.take(fresh, { subject: caller.accountId, key: idempotencyKey, fingerprint });
    this.d.locator.learn(ticket.id, hallId, day);
    this.remember(ticket);
    await this.d.changes.changed([ticket], null);
    return { ticket: ticketView(ticket, snap, q, this.d.policy), replayed };
  }

  private async personOf(caller: Caller, snap: HallSnapshot, req: TakeTicketRequest): Promise<string> {
    if (req.mode === 'code') {
      const grants = await caller.grants();
      if (!grants.some((g) => HALL_STAFF.includes(g.role as (typeof HALL_STAFF)[number]))) throw new AppError(403, 'FORBIDDEN', 'Scanning a personal code is for hall staff and kiosks');
      assertHallScope(grants, snap.hall.id, HALL_STAFF);
      return (await this.d.codes.resolve(req.code)).personId;
    }
    if (!snap.hall.remoteTickets) throw new AppError(409, 'REMOTE_TICKETS_OFF', 'This hall gives tickets at the hall only');
    const personId = await this.d.people.resolveSubject(caller.accountId, req.personId);
    if (snap.hall.location) {
      if (!req.location) throw new AppError(422, 'LOCATION_REQUIRED', 'A remote ticket needs your location');
      const metres = distanceMetres(req.location, snap.hall.location);
      if (metres > this.d.settings.remoteMaxMetres) throw new AppError(409, 'TOO_FAR', `Within ${this.d.settings.remoteMaxMetres} m of the hall only`, { details: { metres: Math.round(metres), limit: this.d.settings.remoteMaxMetres } });
    }
    return personId;
  }

  private async priorityOf(personId: string, req: TakeTicketRequest, day: string): Promise<PriorityReason[]> {
    const reasons = new Set<PriorityReason>(req.mode === 'code' ? (req.priority ?? []) : []);
    const birth = await this.birthDate(personId);
    if (birth && ageOn(birth, day) >= this.d.settings.elderlyAge) reasons.add('elderly');
    return [...reasons].sort();
  }

  /** The live view; the holder (or their family), or staff of the hall. */
  async view(accountId: string, ticketId: string, isStaffOf: (hallId: string) => Promise<boolean>): Promise<TicketView> {
    const { hallId, day } = await this.d.locator.locate(ticketId);
    const snap = await this.snapshot(hallId);
    const q = await this.d.reader.view(snap, day);
    const listed = q.waitingById.get(ticketId);
    const known = this.waiting.get(ticketId);
    const t = listed && known && known.ticketClass === listed.ticketClass ? known : await this.loadAt(ticketId, q.version);
    if (t.takenBy !== accountId && !(await this.d.people.personsOf(accountId)).includes(t.personId) && !(await isStaffOf(t.hallId))) {
      throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket');
    }
    return ticketView(t, snap, q, this.d.policy);
  }

  /** Today's tickets of the caller and their family, newest first. */
  async mine(accountId: string): Promise<TicketView[]> {
    const day = chinaDateOf(this.d.now());
    const rows = await this.d.sink.ofPersons(await this.d.people.personsOf(accountId), day);
    const out: TicketView[] = [];
    for (const row of rows) {
      const t = (await this.d.store.get(row.hallId, day, row.id)) ?? row;
      const snap = await this.snapshot(t.hallId);
      out.push(ticketView(t, snap, await this.d.reader.view(snap, day), this.d.policy));
    }
    return out;
  }

  async cancel(accountId: string, ticketId: string): Promise<TicketView> {
    const t = await this.load(ticketId);
    if (t.takenBy !== accountId && !(await this.d.people.personsOf(accountId)).includes(t.personId)) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket');
    const done = await this.d.store.step(t.hallId, t.day, t, { from: ['waiting'], to: 'cancelled', at: this.d.now(), windowId: '', stamp: 'finishedAt', call: null });
    this.d.reader.changed(t.hallId, t.day);
    await this.d.changes.changed([done], null);
    const snap = await this.snapshot(t.hallId);
    return ticketView(done, snap, await this.d.reader.view(snap, t.day), this.d.policy);
  }

  /** Account deletion (hall-personal-data.ts): a ticket still waiting is cancelled; false when it was not waiting any more. */
  async cancelForErasure(ticketId: string): Promise<boolean> {
    const t = await this.load(ticketId);
    if (t.state !== 'waiting') return false;
    let done: TicketRecord;
    try {
      done = await this.d.store.step(t.hallId, t.day, t, { from: ['waiting'], to: 'cancelled', at: this.d.now(), windowId: '', stamp: 'finishedAt', call: null });
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 404)) throw err;
      if (err.status === 409) return false; // called meanwhile
      // The hot store forgot the day (expired with it): the durable row only.
      await this.d.sink.update({ ...t, state: 'cancelled', finishedAt: this.d.now() });
      return true;
    }
    this.remember(done);
    this.d.reader.changed(t.hallId, t.day);
    await this.d.changes.changed([done], null);
    // An erasure answers with the durable copy changed too (the stream entry rewrites the same state).
    await this.d.sink.update(done);
    return true;
  }

  private async loadAt(ticketId: string, version: number): Promise<TicketRecord> {
    const hit = this.settled.get(ticketId);
    if (hit && hit.version === version) return hit.ticket;
    const t = await this.load(ticketId);
    if (this.settled.size >= WAITING_CACHE_MAX) this.settled.clear();
    this.settled.set(ticketId, { ticket: t, version });
    return t;
  }

  /** Where a ticket made elsewhere (a transfer) lives. */
  learn(ticketId: string, hallId: string, day: string): void {
    this.d.locator.learn(ticketId, hallId, day);
  }

  async load(ticketId: string): Promise<TicketRecord> {
    const { hallId, day } = await this.d.locator.locate(ticketId);
    const t = await this.d.store.get(hallId, day, ticketId);
    if (t) {
      this.remember(t);
      return t;
    }
    // The hot store forgot the day (expired or lost): the durable copy still answers.
    const row = await this.d.sink.find(ticketId);
    if (!row) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket');
    return row;
  }
}
