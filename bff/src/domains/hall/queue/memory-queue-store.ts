import type { TicketClass } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { scriptError, ScriptCode } from '../../../infra/hot-store/script-codes';
import type { QueueCandidate } from './queue-order';
import { RECENT_CALLS, SERVICE_TIME_SAMPLES, type Heads, type QueueState, type QueueStore, type TakeOutcome, type TicketStep } from './queue-store';
import { ticketNumber, type NewTicket, type StoredCall, type TicketRecord } from './ticket-record';

interface HallDay {
  version: number;
  seq: Map<string, number>;
  tickets: Map<string, TicketRecord>;
  held: Map<string, string>;
  idem: Map<string, string>;
  streak: Map<string, number>;
  current: Map<string, string>;
  calls: StoredCall[];
  serviceTimes: Map<string, number[]>;
}

const fail = (code: ScriptCode): never => {
  throw scriptError(code);
};

function candidateOf(t: TicketRecord): QueueCandidate {
  return { ticketId: t.id, serviceId: t.serviceId, ticketClass: t.ticketClass, rankAt: t.rankAt, seq: t.seq };
}

/**
 * The queue in process memory for the embedded default (one process): the same steps as the Lua
 * scripts, each synchronous, so each is atomic. Lost on restart, like the memory hot store.
 */
export class MemoryQueueStore implements QueueStore {
  private readonly days = new Map<string, HallDay>();

  private day(hallId: string, day: string): HallDay {
    const key = `${hallId}|${day}`;
    let d = this.days.get(key);
    if (!d) {
      d = { version: 0, seq: new Map(), tickets: new Map(), held: new Map(), idem: new Map(), streak: new Map(), current: new Map(), calls: [], serviceTimes: new Map() };
      this.days.set(key, d);
    }
    return d;
  }

  private number(d: HallDay, t: NewTicket): TicketRecord {
    const seq = (d.seq.get(t.serviceId) ?? 0) + 1;
    d.seq.set(t.serviceId, seq);
    const { ticketPrefix, ...rest } = t;
    const ticket: TicketRecord = { ...rest, seq, number: ticketNumber(ticketPrefix, seq) };
    d.tickets.set(ticket.id, ticket);
    d.held.set(`${t.personId}|${t.serviceId}`, ticket.id);
    return ticket;
  }

  take(t: NewTicket, idem: { subject: string; key: string; fingerprint: string } | null): Promise<TakeOutcome> {
    const d = this.day(t.hallId, t.day);
    const idemKey = idem ? `${idem.subject}|${idem.key}` : null;
    const prior = idemKey ? d.idem.get(idemKey) : undefined;
    if (prior !== undefined) {
      const [fingerprint, id] = prior.split('|');
      if (fingerprint !== idem?.fingerprint) fail(ScriptCode.TICKET_IDEMPOTENCY_CONFLICT);
      return Promise.resolve({ ticket: { ...(d.tickets.get(id) as TicketRecord) }, replayed: true });
    }
    if (d.held.has(`${t.personId}|${t.serviceId}`)) fail(ScriptCode.ALREADY_QUEUED);
    const ticket = this.number(d, t);
    if (idemKey) d.idem.set(idemKey, `${idem?.fingerprint}|${ticket.id}`);
    d.version++;
    return Promise.resolve({ ticket: { ...ticket }, replayed: false });
  }

  get(hallId: string, day: string, ticketId: string): Promise<TicketRecord | null> {
    const t = this.day(hallId, day).tickets.get(ticketId);
    return Promise.resolve(t ? { ...t } : null);
  }

  version(hallId: string, day: string): Promise<number> {
    return Promise.resolve(this.day(hallId, day).version);
  }

  private waiting(d: HallDay, serviceIds: readonly string[]): QueueCandidate[] {
    return [...d.tickets.values()].filter((t) => t.state === 'waiting' && serviceIds.includes(t.serviceId)).map(candidateOf);
  }

  state(hallId: string, day: string, serviceIds: readonly string[]): Promise<QueueState> {
    const d = this.day(hallId, day);
    const serviceTimes = new Map(serviceIds.map((s) => [s, [...(d.serviceTimes.get(s) ?? [])]]));
    return Promise.resolve({ version: d.version, waiting: this.waiting(d, serviceIds), current: new Map(d.current), calls: [...d.calls], serviceTimes });
  }

  heads(hallId: string, day: string, windowId: string, serviceIds: readonly string[], depth = 1): Promise<Heads> {
    const d = this.day(hallId, day);
    const lanes = new Map<string, QueueCandidate[]>();
    for (const c of this.waiting(d, serviceIds)) {
      const key = `${c.serviceId}|${c.ticketClass}`;
      lanes.set(key, [...(lanes.get(key) ?? []), c]);
    }
    const candidates = [...lanes.values()].flatMap((lane) => lane.sort((a, b) => a.rankAt - b.rankAt || a.seq - b.seq).slice(0, depth));
    return Promise.resolve({ version: d.version, streak: d.streak.get(windowId) ?? 0, candidates });
  }

  private pushCall(d: HallDay, call: StoredCall): void {
    d.calls.unshift(call);
    d.calls.length = Math.min(d.calls.length, RECENT_CALLS);
  }

  claim(hallId: string, day: string, c: QueueCandidate, o: { windowId: string; version: number | null; streak: number | null; call: StoredCall }): Promise<TicketRecord | 'moved'> {
    const d = this.day(hallId, day);
    if (o.version !== null && o.version !== d.version) return Promise.resolve('moved');
    const t = d.tickets.get(c.ticketId) ?? fail(ScriptCode.TICKET_MISSING);
    if (t.state !== 'waiting') fail(ScriptCode.TICKET_STATE);
    Object.assign(t, { state: 'called', windowId: o.windowId, calledAt: Date.parse(o.call.calledAt), calls: 1 });
    if (o.streak !== null) d.streak.set(o.windowId, o.streak);
    d.current.set(o.windowId, t.id);
    this.pushCall(d, o.call);
    d.version++;
    return Promise.resolve({ ...t });
  }

  step(hallId: string, day: string, ticket: TicketRecord | string, s: TicketStep): Promise<TicketRecord> {
    const d = this.day(hallId, day);
    const t = d.tickets.get(typeof ticket === 'string' ? ticket : ticket.id) ?? fail(ScriptCode.TICKET_MISSING);
    if (!s.from.includes(t.state)) fail(ScriptCode.TICKET_STATE);
    if (s.windowId !== '' && t.windowId && t.windowId !== s.windowId) fail(ScriptCode.WRONG_WINDOW);
    t.state = s.to;
    if (s.stamp) t[s.stamp] = s.at;
    if (s.call) {
      t.calls++;
      this.pushCall(d, s.call);
    }
    if (s.to === 'done' || s.to === 'no_show' || s.to === 'cancelled') {
      d.held.delete(`${t.personId}|${t.serviceId}`);
      if (t.windowId && d.current.get(t.windowId) === t.id) d.current.delete(t.windowId);
      if (s.to !== 'cancelled' && t.calledAt !== null) {
        const times = d.serviceTimes.get(t.serviceId) ?? [];
        times.unshift(s.at - t.calledAt);
        d.serviceTimes.set(t.serviceId, times.slice(0, SERVICE_TIME_SAMPLES));
      }
    }
    d.version++;
    return Promise.resolve({ ...t });
  }

  transfer(hallId: string, day: string, ticketId: string, windowId: string, next: NewTicket): Promise<{ from: TicketRecord; to: TicketRecord }> {
    const d = this.day(hallId, day);
    const t = d.tickets.get(ticketId) ?? fail(ScriptCode.TICKET_MISSING);
    if (!['waiting', 'called', 'serving'].includes(t.state)) fail(ScriptCode.TICKET_STATE);
    if (t.windowId && t.windowId !== windowId) fail(ScriptCode.WRONG_WINDOW);
    if (d.held.has(`${next.personId}|${next.serviceId}`)) fail(ScriptCode.ALREADY_QUEUED);
    Object.assign(t, { state: 'transferred', finishedAt: next.takenAt });
    d.held.delete(`${t.personId}|${t.serviceId}`);
    if (t.windowId && d.current.get(t.windowId) === t.id) d.current.delete(t.windowId);
    const to = this.number(d, next);
    d.version++;
    return Promise.resolve({ from: { ...t }, to: { ...to } });
  }

  setClass(hallId: string, day: string, ticketId: string, ticketClass: TicketClass, priority: string[]): Promise<TicketRecord> {
    const d = this.day(hallId, day);
    const t = d.tickets.get(ticketId) ?? fail(ScriptCode.TICKET_MISSING);
    if (t.state !== 'waiting') throw new AppError(409, 'TICKET_STATE', 'Only a waiting ticket changes class');
    Object.assign(t, { ticketClass, priority });
    d.version++;
    return Promise.resolve({ ...t });
  }
}
