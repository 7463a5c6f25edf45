import type { TicketClass } from '@govpass/shared-types';

/*
 * THE ordering rule of the hall queue: which waiting ticket a window calls next. One pure function
 * (pickNext); everything that orders tickets (call-next, positions, the console's list, the ETA) goes
 * through it. Table of cases: queue-order.test.ts. Design: docs/hall.md.
 *
 * 1. Score = minutes waited since arrival (rank time; a transfer keeps the original) + the class's
 *    head start: appointment holders and priority tickets (elderly 70+, disabled, pregnant) start
 *    `bonusMin` minutes "ahead". Because waiting adds to everyone's score alike, a normal ticket that
 *    has waited longer than a head start outranks any newcomer: this is the aging, nobody waits for ever.
 * 2. Ratio: after `preferredPerNormal` calls in a row of appointment/priority tickets, the next call
 *    goes to the best normal ticket if one is waiting (novosga's users asked for "2 priority, 1 normal").
 * 3. Ties: earlier rank time, then lower number.
 */

export interface QueueCandidate {
  ticketId: string;
  serviceId: string;
  ticketClass: TicketClass;
  /** Epoch ms the ticket queues from (arrival; kept through a transfer). */
  rankAt: number;
  /** Its number within the service and day (tie-break). */
  seq: number;
}

export interface OrderPolicy {
  /** Head start in minutes per class (normal is 0). */
  bonusMin: { appointment: number; priority: number };
  /** Preferred calls in a row before one normal ticket must be called (0 = no ratio). */
  preferredPerNormal: number;
}

export const DEFAULT_ORDER_POLICY: OrderPolicy = { bonusMin: { appointment: 60, priority: 30 }, preferredPerNormal: 2 };

export interface Pick {
  ticket: QueueCandidate;
  /** The window's streak of preferred calls after this one. */
  streak: number;
}

function bonusOf(c: QueueCandidate, policy: OrderPolicy): number {
  return c.ticketClass === 'normal' ? 0 : policy.bonusMin[c.ticketClass];
}

/** Higher first: score, then earlier rank time, then lower number. */
function better(a: QueueCandidate, b: QueueCandidate, now: number, policy: OrderPolicy): boolean {
  const sa = (now - a.rankAt) / 60_000 + bonusOf(a, policy);
  const sb = (now - b.rankAt) / 60_000 + bonusOf(b, policy);
  if (sa !== sb) return sa > sb;
  if (a.rankAt !== b.rankAt) return a.rankAt < b.rankAt;
  return a.seq < b.seq;
}

function best(candidates: readonly QueueCandidate[], now: number, policy: OrderPolicy): QueueCandidate | null {
  let top: QueueCandidate | null = null;
  for (const c of candidates) if (top === null || better(c, top, now, policy)) top = c;
  return top;
}

/**
 * The ticket a window calls next among `candidates` (all waiting tickets of its services, or just
 * the oldest of each service × class: the best of a class is always its oldest), given the window's
 * `streak` of preferred calls. Null when nobody waits.
 */
export function pickNext(candidates: readonly QueueCandidate[], streak: number, now: number, policy: OrderPolicy = DEFAULT_ORDER_POLICY): Pick | null {
  if (candidates.length === 0) return null;
  if (policy.preferredPerNormal > 0 && streak >= policy.preferredPerNormal) {
    const normal = best(candidates.filter((c) => c.ticketClass === 'normal'), now, policy);
    if (normal) return { ticket: normal, streak: 0 };
  }
  const ticket = best(candidates, now, policy) as QueueCandidate;
  return { ticket, streak: ticket.ticketClass === 'normal' ? 0 : streak + 1 };
}

/**
 * The whole waiting list in call order, as one window starting at `streak` would call it now
 * (positions, the console's list, the ETA). Groups by service × class, so each step compares heads only.
 */
export function orderQueue(waiting: readonly QueueCandidate[], streak: number, now: number, policy: OrderPolicy = DEFAULT_ORDER_POLICY): QueueCandidate[] {
  const groups = new Map<string, QueueCandidate[]>();
  for (const c of waiting) {
    const key = `${c.serviceId}|${c.ticketClass}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const lanes = [...groups.values()].map((g) => g.sort((a, b) => a.rankAt - b.rankAt || a.seq - b.seq));
  const heads = lanes.map(() => 0);
  const out: QueueCandidate[] = [];
  let s = streak;
  for (;;) {
    const candidates: QueueCandidate[] = [];
    lanes.forEach((lane, i) => {
      if (heads[i] < lane.length) candidates.push(lane[heads[i]]);
    });
    const pick = pickNext(candidates, s, now, policy);
    if (!pick) return out;
    out.push(pick.ticket);
    s = pick.streak;
    const lane = lanes.findIndex((l, i) => l[heads[i]] === pick.ticket);
    heads[lane]++;
  }
}
