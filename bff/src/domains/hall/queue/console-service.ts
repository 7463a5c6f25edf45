import { randomUUID } from 'node:crypto';
import { HALL_STAFF, type HallWindow, type PriorityReason, type RoleGrant, type StaffTicket, type TicketState, type WindowConsoleResponse } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import type { AuditLog } from '../../audit/audit-log';
import type { HallNotifier, HallPeople } from '../hall-ports';
import { assertHallScope } from '../hall-scope';
import type { HallDirectory, HallSnapshot } from '../registry/hall-directory';
import { orderQueue, pickNext, type OrderPolicy, type QueueCandidate } from './queue-order';
import type { QueueReader } from './queue-reader';
import type { QueueStore, TicketStep } from './queue-store';
import type { SqlTicketStore } from './sql-ticket-store';
import type { TicketService } from './ticket-service';
import { ticketNumber, type StoredCall, type TicketRecord } from './ticket-record';
import { openWindowsFor, staffTicket } from './ticket-views';
import { estimateEta } from './eta-estimator';

export interface ConsoleDeps {
  directory: HallDirectory;
  store: QueueStore;
  reader: QueueReader;
  sink: SqlTicketStore;
  tickets: TicketService;
  people: HallPeople;
  audit: AuditLog;
  notifier: HallNotifier;
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
      const heads = await this.d.store.heads(window.hallId, day, windowId, window.serviceIds);
      const now = this.d.now();
      const pick = pickNext(heads.candidates, heads.streak, now, this.d.policy);
      if (!pick) return null;
      const claimed = await this.d.store.claim(window.hallId, day, pick.ticket, { windowId, version: heads.version, streak: pick.streak, call: this.call(pick.ticket, window, snap, 1, now) });
      if (claimed !== 'moved') return this.after(staff, 'call', claimed, window, snap, { streak: pick.streak });
    }
    throw new AppError(503, 'STORE_UNAVAILABLE', 'The queue kept changing; try again');
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
    const claimed = await this.d.store.claim(t.hallId, t.day, candidate, { windowId, version: null, streak: null, call: this.call(t, window, snap, 1, now) });
    if (claimed === 'moved') throw new AppError(503, 'STORE_UNAVAILABLE', 'Try again');
    return this.after(staff, 'call_chosen', claimed, window, snap, { reason });
  }

  async step(staff: Staff, name: StepName, ticketId: string, windowId: string): Promise<StaffTicket> {
    const { window, snap } = await this.windowFor(staff, windowId);
    const t = await this.d.tickets.load(ticketId);
    if (t.hallId !== window.hallId) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket in this hall');
    const now = this.d.now();
    const s = STEPS[name];
    const call = name === 'recall' ? this.call(t, window, snap, t.calls + 1, now) : null;
    const next = await this.d.store.step(t.hallId, t.day, ticketId, { ...s, at: now, windowId, call });
    return this.after(staff, name, next, window, snap, { from: t.state });
  }

  async transfer(staff: Staff, ticketId: string, windowId: string, serviceId: string, note: string | undefined): Promise<{ from: StaffTicket; to: StaffTicket }> {
    const { window, snap } = await this.windowFor(staff, windowId);
    const t = await this.d.tickets.load(ticketId);
    if (t.hallId !== window.hallId) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket in this hall');
    const service = snap.services.find((s) => s.id === serviceId);
    if (!service) throw new AppError(404, 'SERVICE_NOT_FOUND', 'No such service in this hall');
    const now = this.d.now();
    const next = { ...t, id: randomUUID(), serviceId, ticketPrefix: service.ticketPrefix, state: 'waiting' as const, calledAt: null, startedAt: null, finishedAt: null, windowId: null, calls: 0, etaP50Min: null, etaP90Min: null, transferredFrom: t.id, takenAt: now };
    const { from, to } = await this.d.store.transfer(t.hallId, t.day, ticketId, windowId, next);
    this.d.tickets.learn(to.id, t.hallId, t.day);
    await this.d.sink.insert(to);
    const fromView = await this.after(staff, 'transfer', from, window, snap, { to: to.id, toService: serviceId, note: note ?? null });
    return { from: fromView, to: staffTicket(to, snap, await this.d.people.maskedName(to.personId), now) };
  }

  async setPriority(staff: Staff, ticketId: string, reasons: PriorityReason[]): Promise<StaffTicket> {
    const t = await this.d.tickets.load(ticketId);
    const snap = await this.d.tickets.snapshot(t.hallId);
    assertHallScope(staff.grants, t.hallId, HALL_STAFF);
    const priority = [...new Set<PriorityReason>([...reasons, ...t.priority.filter((p) => p === 'elderly')])].sort();
    const ticketClass = t.ticketClass === 'appointment' ? 'appointment' : priority.length > 0 ? 'priority' : 'normal';
    const next = await this.d.store.setClass(t.hallId, t.day, ticketId, ticketClass, priority);
    this.d.reader.changed(t.hallId, t.day);
    await this.d.sink.update(next);
    await this.d.audit.record({ actor: staff.accountId, action: 'hall.ticket.priority', targetType: 'hall_ticket', targetId: ticketId, requestId: staff.requestId, details: { hallId: t.hallId, number: t.number, priority } });
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

  /** After every step: the durable copy, the audit row (who, which window), the notification. */
  private async after(staff: Staff, action: string, t: TicketRecord, window: HallWindow, snap: HallSnapshot, details: Record<string, unknown>): Promise<StaffTicket> {
    this.d.reader.changed(t.hallId, t.day);
    const calling = (action === 'call' || action === 'call_chosen' || action === 'recall') && t.calledAt !== null;
    // Independent writes, sent together (one round trip of latency instead of three).
    const [, , , maskedName] = await Promise.all([
      this.d.sink.update(t),
      this.d.audit.record({ actor: staff.accountId, action: `hall.ticket.${action}`, targetType: 'hall_ticket', targetId: t.id, requestId: staff.requestId, details: { hallId: t.hallId, windowId: window.id, windowNumber: window.number, number: t.number, state: t.state, ...details } }),
      calling ? this.d.notifier.called({ personId: t.personId, hallName: snap.hall.name, ticketNumber: t.number, windowName: window.name, calledAt: this.d.now(), callId: `${t.id}.${t.calls}` }) : undefined,
      this.d.people.maskedName(t.personId),
    ]);
    if (action === 'call' || action === 'call_chosen') await this.tellNear(snap, t);
    return staffTicket(t, snap, maskedName, this.d.now());
  }

  /** After a call, the ticket now at the near position of that service hears that its turn is near. */
  private async tellNear(snap: HallSnapshot, called: TicketRecord): Promise<void> {
    // The first N of each class lane decide the first N of the order: no need to read the whole queue.
    const heads = await this.d.store.heads(called.hallId, called.day, '-', [called.serviceId], this.d.nearPosition);
    const near = orderQueue(heads.candidates, 0, this.d.now(), this.d.policy)[this.d.nearPosition - 1];
    if (!near) return;
    const t = await this.d.store.get(called.hallId, called.day, near.ticketId);
    const service = snap.services.find((s) => s.id === called.serviceId);
    if (!t || !service) return;
    const eta = estimateEta({ position: this.d.nearPosition, openWindows: openWindowsFor(snap, service.id), samplesMs: this.d.reader.peek(called.hallId, called.day)?.state.serviceTimes.get(service.id) ?? [], expectedMinutes: service.expectedMinutes });
    await this.d.notifier.turnNear({ personId: t.personId, ticketId: t.id, hallName: snap.hall.name, ticketNumber: t.number, ahead: this.d.nearPosition - 1, etaMinutes: eta.p50Min });
  }
}
