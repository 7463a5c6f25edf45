import type { HallSnapshot } from '../registry/hall-directory';
import { orderQueue, type OrderPolicy, type QueueCandidate } from './queue-order';
import type { QueueState, QueueStore } from './queue-store';
import type { StoredCall } from './ticket-record';

/** A hall-day's queue read once and ordered, shared by every read until the queue changes. */
export interface QueueView {
  version: number;
  readAt: number;
  state: QueueState;
  /** service id → waiting tickets in call order. */
  order: Map<string, QueueCandidate[]>;
  /** ticket id → 1-based position within its service. */
  position: Map<string, number>;
  /** ticket id → the waiting ticket as the view saw it. */
  waitingById: Map<string, QueueCandidate>;
  /** window id → the call of the ticket it holds now (called or serving). */
  holding: Map<string, StoredCall>;
}

/**
 * Reads and orders a hall-day's queue, memoised per process: a read within `freshMs` of the last
 * one uses it as is (live positions are the bulk of the traffic); later, one GET of the version
 * decides whether to read the queue again.
 */
export class QueueReader {
  private readonly views = new Map<string, { view: QueueView | null; stale: QueueView | null; loading: Promise<QueueView> | null }>();

  constructor(
    private readonly store: QueueStore,
    private readonly policy: OrderPolicy,
    private readonly now: () => number,
    private readonly freshMs = 1500,
  ) {}

  async view(snap: HallSnapshot, day: string): Promise<QueueView> {
    const key = `${snap.hall.id}|${day}`;
    let slot = this.views.get(key);
    if (!slot) {
      if (this.views.size > 5000) this.views.clear();
      slot = { view: null, stale: null, loading: null };
      this.views.set(key, slot);
    }
    const cached = slot.view;
    if (cached && this.now() - cached.readAt < this.freshMs) return cached;
    if (slot.loading) return slot.loading;
    const s = slot;
    s.loading = this.refresh(snap, day, cached).finally(() => (s.loading = null));
    const view = await s.loading;
    s.view = view;
    return view;
  }

  /** The last view read, however old (or null): for what may lag, such as service times. */
  peek(hallId: string, day: string): QueueView | null {
    const slot = this.views.get(`${hallId}|${day}`);
    return slot?.view ?? slot?.stale ?? null;
  }

  /** Forgets a hall-day's view (after this process changed the queue). */
  changed(hallId: string, day: string): void {
    const slot = this.views.get(`${hallId}|${day}`);
    if (slot) {
      slot.stale = slot.view ?? slot.stale;
      slot.view = null;
    }
  }

  private async refresh(snap: HallSnapshot, day: string, prior: QueueView | null): Promise<QueueView> {
    const now = this.now();
    if (prior && (await this.store.version(snap.hall.id, day)) === prior.version) return { ...prior, readAt: now };
    const state = await this.store.state(snap.hall.id, day, snap.services.map((s) => s.id));
    const order = new Map<string, QueueCandidate[]>();
    const position = new Map<string, number>();
    for (const s of snap.services) {
      const list = orderQueue(state.waiting.filter((c) => c.serviceId === s.id), 0, now, this.policy);
      order.set(s.id, list);
      list.forEach((c, i) => position.set(c.ticketId, i + 1));
    }
    const holding = new Map<string, StoredCall>();
    for (const [windowId, ticketId] of state.current) {
      const call = state.calls.find((c) => c.ticketId === ticketId);
      if (call) holding.set(windowId, call);
    }
    return { version: state.version, readAt: now, state, order, position, holding, waitingById: new Map(state.waiting.map((c) => [c.ticketId, c])) };
  }
}
