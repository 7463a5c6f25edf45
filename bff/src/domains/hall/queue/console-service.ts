import { randomUUID } from 'node:crypto';
import { HALL_STAFF, type HallWindow, type PriorityReason, type RoleGrant, type StaffTicket, type TicketState, type WindowConsoleResponse } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import type { HallPeople } from '../hall-ports';
import { assertHallScope } from '../hall-scope';
import type { HallDirectory, HallSnapshot } from '../registry/hall-directory';
import { orderQueue, pickNext, type OrderPolicy, type QueueCandidate } from './queue-order';
import type { QueueReader } from './queue-reader';
import type { QueueStore, TicketStep } from './queue-store';
import type { ChangeSink, TicketEffects } from './ticket-effects';
import type { TicketService } from './ticket-service';
import { ticketNumber, type StoredCall, type TicketRecord } from './ticket-record';
import { openWindowsFor, staffTicket } from './ticket-views';
import { estimateEta } from './eta-estimator';

export interface ConsoleDeps {
  directory: HallDirectory;
  store: QueueStore;
  reader: QueueReader;
  /** Where a change goes after the hot store (on Redis the script's stream entry carries it). */
  changes: ChangeSink;
  tickets: TicketService;
  people: HallPeople;
  policy: OrderPolicy;
  /** "Your turn is near" goes to the ticket that reaches this position. */
  nearPosition: number;
  now: () => number;
}

export interface Staff {
  accountId: string;
  grants: readonly RoleGrant[];
  requestId: string | null;
}

type StepName = 'recall' | 'skip' | 'start' | 'complete';

const STEPS: Record<StepName, { from: TicketState[]; to: TicketState; stamp: TicketStep['stamp'] }> = {
  recall: { from: ['called'], to: 'called', stamp: null },
  skip: { from: ['called'], to: 'no_show', stamp: 'finishedAt' },
  start: { from: ['called'], to: 'serving', stamp: 'startedAt' },
  complete: { from: ['called', 'serving'], to: 'done', stamp: 'finishedAt' },
};

/** Claims lost to another window in a row before giving up (each loss means another window called). */
const MAX_CLAIM_ATTEMPTS = 50;

/** The window console: call next / a chosen ticket, recall, skip, start, complete, transfer, priority. */
export class ConsoleService {
  constructor(private readonly d: ConsoleDeps) {}

  private async windowFor(staff: Staff, windowId: string): Promise<{ window: HallWindow; snap: HallSnapshot }> {
    const window = await this.d.directory.getWindow(windowId);
    if (!window) throw new AppError(404, 'WINDOW_NOT_FOUND', 'No such window');
    assertHallScope(staff.grants, window.hallId, HALL_STAFF);
    const snap = (await this.d.directory.snapshot(window.hallId)) as HallSnapshot;
    return { window: snap.windows.find((w) => w.id === windowId) ?? window, snap };
  }

  private call(t: QueueCandidate | TicketRecord, window: HallWindow, snap: HallSnapshot, calls: number, now: number): StoredCall {
    const service = snap.services.find((s) => s.id === t.serviceId);
    const number = 'number' in t ? t.number : ticketNumber(service?.ticketPrefix ?? '?', t.seq);
    const ticketId = 'id' in t ? t.id : t.ticketId;
    return { callId: `${ticketId}.${calls}`, number, windowNumber: window.number, windowName: window.name, serviceName: service?.name ?? '', calledAt: new Date(now).toISOString(), recall: calls > 1, ticketId, serviceId: t.serviceId, windowId: window.id };
  }

  /** The best waiting ticket of the window's services, claimed atomically; null when nobody waits. */
  async callNext(staff: Staff, windowId: string): Promise<StaffTicket | null> {
    const { window, snap } = await this.windowFor(staff, windowId);
    if (window.status !== 'open') throw new AppError(409, 'WINDOW_CLOSED', 'Open the window first');
    const day = chinaDateOf(this.d.now());
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      // Deep enough that the ticket now at the near position is known too (one read, not two).
      const heads = await this.d.store.heads(window.hallId, day, windowId, window.serviceIds, this.d.nearPosition + 1);
      const now = this.d.now();
      const pick = pickNext(heads.candidates, heads.streak, now, this.d.policy);
      if (!pick) return null;
      const call = this.call(pick.ticket, window, snap, 1, now);
      const effects = this.effects(staff, 'call', { id: pick.ticket.ticketId, number: call.number, state: 'called' }, window, snap, { streak: pick.streak }, call, this.nearOf(snap, pick.ticket, heads.candidates, now));
      const claimed = await this.d.store.claim(window.hallId, day, pick.ticket, { windowId, version: heads.version, streak: pick.streak, call }, effects);
      if (claimed !== 'moved') return this.after(claimed, snap, effects);
    }
    throw new AppError(503, 'STORE_UNAVAILABLE', 'The queue kept changing; try again');
  }

  /** The ticket of the called one's service that a call brings to the near position ("your turn is near"). */
  private nearOf(snap: HallSnapshot, called: QueueCandidate, candidates: readonly QueueCandidate[], now: number): TicketEffects['near'] {
    // The first N+1 of each class lane decide the first N of the order once the called one is out.
    const lane = candidates.filter((c) => c.serviceId === called.serviceId && c.ticketId !== called.ticketId);
    const near = orderQueue(lane, 0, now, this.d.policy)[this.d.nearPosition - 1];
    const service = snap.services.find((s) => s.id === called.serviceId);
    if (!near || !service) return undefined;
    const eta = estimateEta({ position: this.d.nearPosition, openWindows: openWindowsFor(snap, service.id), samplesMs: this.d.reader.peek(snap.hall.id, chinaDateOf(now))?.state.serviceTimes.get(service.id) ?? [], expectedMinutes: service.expectedMinutes });
    return { ticketId: near.ticketId, hallName: snap.hall.name, ahead: this.d.nearPosition - 1, etaMinutes: eta.p50Min };
  }

  /** The audit row (who, which window) and the notifications of a step, known before it runs. */
  private effects(staff: Staff, action: string, t: { id: string; number: string; state: TicketState }, window: HallWindow, snap: HallSnapshot, details: Record<string, unknown>, call: StoredCall | null, near?: TicketEffects['near']): TicketEffects {
    const effects: TicketEffects = {
      audit: { actor: staff.accountId, action: `hall.ticket.${action}`, requestId: staff.requestId, details: { hallId: window.hallId, windowId: window.id, windowNumber: window.number, number: t.number, state: t.state, ...details } },
    };
    if (call) effects.called = { hallName: snap.hall.name, windowName: window.name, calledAt: Date.parse(call.calledAt), callId: call.callId };
    if (near) effects.near = near;
    return effects;
  }

  /** Calls a chosen waiting ticket out of order (audited with the reason). */
  async callChosen(staff: Staff, windowId: string, ticketId: string, reason: string): Promise<StaffTicket> {
    const { window, snap } = await this.windowFor(staff, windowId);
    if (window.status !== 'open') throw new AppError(409, 'WINDOW_CLOSED', 'Open the window first');
    const t = await this.d.tickets.load(ticketId);
    if (t.hallId !== window.hallId) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket in this hall');
    if (!window.serviceIds.includes(t.serviceId)) throw new AppError(409, 'SERVICE_NOT_AT_WINDOW', 'This window does not handle the service');
    const now = this.d.now();
    const candidate: QueueCandidate = { ticketId: t.id, serviceId: t.serviceId, ticketClass: t.ticketClass, rankAt: t.rankAt, seq: t.seq };
    const heads = await this.d.store.heads(t.hallId, t.day, '-', [t.serviceId], this.d.nearPosition + 1);
    const call = this.call(t, window, snap, 1, now);
    const effects = this.effects(staff, 'call_chosen', { id: t.id, number: t.number, state: 'called' }, window, snap, { reason }, call, this.nearOf(snap, candidate, heads.candidates, now));
    const claimed = await this.d.store.claim(t.hallId, t.day, candidate, { windowId, version: null, streak: null, call }, effects);
    if (claimed === 'moved') throw new AppError(503, 'STORE_UNAVAILABLE', 'Try again');
    return this.after(claimed, snap, effects);
  }

  async step(staff: Staff, name: StepName, ticketId: string, windowId: string): Promise<StaffTicket> {
    const { window, snap } = await this.windowFor(staff, windowId);
    const t = await this.d.tickets.load(ticketId);
    if (t.hallId !== window.hallId) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket in this hall');
    const now = this.d.now();
    const s = STEPS[name];
    const call = name === 'recall' ? this.call(t, window, snap, t.calls + 1, now) : null;
    const effects = this.effects(staff, name, { id: t.id, number: t.number, state: s.to }, window, snap, { from: t.state }, call);
    const next = await this.d.store.step(t.hallId, t.day, t, { ...s, at: now, windowId, call }, effects);
    return this.after(next, snap, effects);
  }

  async transfer(staff: Staff, ticketId: string, windowId: string, serviceId: string, note: string | undefined): Promise<{ from: StaffTicket; to: StaffTicket }> {
    const { window, snap } = await this.windowFor(staff, windowId);
    const t = await this.d.tickets.load(ticketId);
    if (t.hallId !== window.hallId) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket in this hall');
    const service = snap.services.find((s) => s.id === serviceId);
    if (!service) throw new AppError(404, 'SERVICE_NOT_FOUND', 'No such service in this hall');
    const now = this.d.now();
    const next = { ...t, id: randomUUID(), serviceId, ticketPrefix: service.ticketPrefix, state: 'waiting' as const, calledAt: null, startedAt: null, finishedAt: null, windowId: null, calls: 0, etaP50Min: null, etaP90Min: null, transferredFrom: t.id, takenAt: now };
    const effects = this.effects(staff, 'transfer', { id: t.id, number: t.number, state: 'transferred' }, window, snap, { to: next.id, toService: serviceId, note: note ?? null }, null);
    const { from, to } = await this.d.store.transfer(t.hallId, t.day, ticketId, windowId, next, effects);
    this.d.tickets.learn(to.id, t.hallId, t.day);
    this.d.reader.changed(t.hallId, t.day);
    await this.d.changes.changed([from, to], effects);
    const maskedName = await this.d.people.maskedName(to.personId);
    return { from: staffTicket(from, snap, maskedName, now), to: staffTicket(to, snap, maskedName, now) };
  }

  async setPriority(staff: Staff, ticketId: string, reasons: PriorityReason[]): Promise<StaffTicket> {
    const t = await this.d.tickets.load(ticketId);
    const snap = await this.d.tickets.snapshot(t.hallId);
    assertHallScope(staff.grants, t.hallId, HALL_STAFF);
    const priority = [...new Set<PriorityReason>([...reasons, ...t.priority.filter((p) => p === 'elderly')])].sort();
    const ticketClass = t.ticketClass === 'appointment' ? 'appointment' : priority.length > 0 ? 'priority' : 'normal';
    const effects: TicketEffects = { audit: { actor: staff.accountId, action: 'hall.ticket.priority', requestId: staff.requestId, details: { hallId: t.hallId, number: t.number, priority } } };
    const next = await this.d.store.setClass(t.hallId, t.day, ticketId, ticketClass, priority, effects);
    this.d.reader.changed(t.hallId, t.day);
    await this.d.changes.changed([next], effects);
    return staffTicket(next, snap, await this.d.people.maskedName(next.personId), this.d.now());
  }

  async console(staff: Staff, windowId: string): Promise<WindowConsoleResponse> {
    const { window, snap } = await this.windowFor(staff, windowId);
    const day = chinaDateOf(this.d.now());
    const q = await this.d.reader.view(snap, day);
    const now = this.d.now();
    const waitingAll = q.state.waiting.filter((c) => window.serviceIds.includes(c.serviceId));
    const ordered = orderQueue(waitingAll, 0, now, this.d.policy).slice(0, 50);
    const currentId = q.state.current.get(windowId);
    const load = async (id: string) => {
      const t = await this.d.store.get(window.hallId, day, id);
      return t ? staffTicket(t, snap, await this.d.people.maskedName(t.personId), now) : null;
    };
    const current = currentId ? [await load(currentId)].filter((t): t is StaffTicket => t !== null) : [];
    const waiting = (await Promise.all(ordered.map((c) => load(c.ticketId)))).filter((t): t is StaffTicket => t !== null);
    return { window: { id: window.id, hallId: window.hallId, number: window.number, name: window.name, status: window.status, serviceIds: window.serviceIds }, current, waiting, waitingTotal: waitingAll.length };
  }

  /** After every step: the durable copy, audit row and notifications (in the step's stream entry on Redis). */
  private async after(t: TicketRecord, snap: HallSnapshot, effects: TicketEffects): Promise<StaffTicket> {
    this.d.reader.changed(t.hallId, t.day);
    const [, maskedName] = await Promise.all([this.d.changes.changed([t], effects), this.d.people.maskedName(t.personId)]);
    return staffTicket(t, snap, maskedName, this.d.now());
  }
}
