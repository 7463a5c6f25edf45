import type { StaffTicket, TicketView } from '@govpass/shared-types';
import type { HallSnapshot } from '../registry/hall-directory';
import { estimateEta, etaStats, type EtaStats } from './eta-estimator';
import { orderQueue, type OrderPolicy } from './queue-order';
import type { QueueView } from './queue-reader';
import type { TicketRecord } from './ticket-record';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A view's occupancy statistics per service, computed once per view (a view is an immutable
 * snapshot of the hall-day, re-read at most every 1.5 s) instead of once per live read.
 */
const statsOfView = new WeakMap<QueueView, Map<string, EtaStats>>();

function statsFor(q: QueueView, serviceId: string, expectedMinutes: number): EtaStats {
  let byService = statsOfView.get(q);
  if (!byService) {
    byService = new Map();
    statsOfView.set(q, byService);
  }
  let stats = byService.get(serviceId);
  if (!stats) {
    stats = etaStats(q.state.serviceTimes.get(serviceId) ?? [], expectedMinutes);
    byService.set(serviceId, stats);
  }
  return stats;
}

/** Positions of tickets newer than a view, by the ordering rule over it (positionOf). */
const newPositions = new WeakMap<QueueView, Map<string, number>>();

/** Windows open now for a service. */
export function openWindowsFor(snap: HallSnapshot, serviceId: string): number {
  return snap.windows.filter((w) => w.status === 'open' && w.serviceIds.includes(serviceId)).length;
}

/**
 * A waiting ticket's 1-based position: from the view, or, for a ticket newer than the view, by the
 * ordering rule over the view's waiting tickets of its service plus itself.
 */
function positionOf(t: TicketRecord, q: QueueView, policy: OrderPolicy): number {
  const known = q.position.get(t.id);
  if (known !== undefined) return known;
  // Once per view and ticket: a take asks twice (the ETA it stores, then its answer) and live reads
  // of a new ticket ask until the view is re-read. The ordering is of the view's tickets at its read
  // time, so the same id, class and rank time give the same place; seq only breaks ties with an
  // equal rank time, and a ticket newer than the view outnumbers every ticket of its service in it
  // (the take asks first with the largest seq, then with its own: the same place).
  let memo = newPositions.get(q);
  if (!memo) {
    memo = new Map();
    newPositions.set(q, memo);
  }
  const key = `${t.id}|${t.ticketClass}|${t.rankAt}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const list = q.order.get(t.serviceId) ?? [];
  const me = { ticketId: t.id, serviceId: t.serviceId, ticketClass: t.ticketClass, rankAt: t.rankAt, seq: t.seq };
  const position = orderQueue([...list, me], 0, q.readAt, policy).findIndex((c) => c.ticketId === t.id) + 1;
  memo.set(key, position);
  return position;
}

/** The citizen's live view of a ticket. */
export function ticketView(t: TicketRecord, snap: HallSnapshot, q: QueueView, policy: OrderPolicy): TicketView {
  const service = snap.services.find((s) => s.id === t.serviceId);
  const waiting = t.state === 'waiting';
  const position = waiting ? positionOf(t, q, policy) : null;
  const window = t.windowId ? snap.windows.find((w) => w.id === t.windowId) : undefined;
  const nowServing = [...q.holding.values()].filter((c) => c.serviceId === t.serviceId).map((c) => ({ number: c.number, windowNumber: c.windowNumber }));
  const eta = position !== null && service
    ? estimateEta({ position, openWindows: openWindowsFor(snap, t.serviceId), samplesMs: q.state.serviceTimes.get(t.serviceId) ?? [], expectedMinutes: service.expectedMinutes }, statsFor(q, t.serviceId, service.expectedMinutes))
    : null;
  return {
    id: t.id,
    hallId: t.hallId,
    hallName: snap.hall.name,
    serviceId: t.serviceId,
    serviceName: service?.name ?? '',
    number: t.number,
    state: t.state,
    ticketClass: t.ticketClass,
    position,
    ahead: position === null ? null : position - 1,
    nowServing,
    window: window && (t.state === 'called' || t.state === 'serving') ? { windowId: window.id, number: window.number, name: window.name } : null,
    eta,
    takenAt: new Date(t.takenAt).toISOString(),
    arrivedAt: new Date(t.arrivedAt).toISOString(),
    calledAt: iso(t.calledAt),
    finishedAt: iso(t.finishedAt),
    appointmentId: t.appointmentId,
  };
}

/** A ticket as window staff see it (masked name, never the ID number). */
export function staffTicket(t: TicketRecord, snap: HallSnapshot, maskedName: string, now: number): StaffTicket {
  return {
    id: t.id,
    serviceId: t.serviceId,
    serviceName: snap.services.find((s) => s.id === t.serviceId)?.name ?? '',
    number: t.number,
    state: t.state,
    ticketClass: t.ticketClass,
    priority: t.priority,
    maskedName,
    arrivedAt: new Date(t.arrivedAt).toISOString(),
    waitedMin: Math.max(0, Math.round(((t.calledAt ?? now) - t.arrivedAt) / 60_000)),
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    windowId: t.windowId,
    calls: t.calls,
  };
}
