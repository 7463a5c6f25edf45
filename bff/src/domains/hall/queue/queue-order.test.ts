import type { TicketClass } from '@govpass/shared-types';
import { orderQueue, pickNext, type OrderPolicy, type QueueCandidate } from './queue-order';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 2, 0);
const POLICY: OrderPolicy = { bonusMin: { appointment: 60, priority: 30 }, preferredPerNormal: 2 };

/** `A3:normal@-20` = ticket A3 (service A, seq 3) of the class, arrived 20 minutes ago. */
function t(spec: string): QueueCandidate {
  const m = /^([A-Z])(\d+):(\w+)@(-?\d+)$/.exec(spec);
  if (!m) throw new Error(spec);
  return { ticketId: `${m[1]}${m[2]}`, serviceId: m[1], seq: Number(m[2]), ticketClass: m[3] as TicketClass, rankAt: NOW + Number(m[4]) * MIN };
}

describe('pickNext: the ordering rule', () => {
  const cases: [string, string[], number, string | null, number][] = [
    // name, waiting, streak before, expected ticket, streak after
    ['nobody waits', [], 0, null, 0],
    ['first come first served among walk-ins', ['A1:normal@-10', 'A2:normal@-5'], 0, 'A1', 0],
    ['an appointment holder goes before walk-ins', ['A1:normal@-10', 'A2:appointment@-1'], 0, 'A2', 1],
    ['a priority ticket goes before walk-ins', ['A1:normal@-10', 'A2:priority@-1'], 0, 'A2', 1],
    ['an appointment goes before a priority ticket of the same age', ['A1:priority@-5', 'A2:appointment@-5'], 0, 'A2', 1],
    ['a long-waiting priority ticket outranks a new appointment (aging)', ['A1:priority@-40', 'A2:appointment@-1'], 0, 'A1', 1],
    ['aging: a walk-in waiting 45 min beats a fresh priority ticket (30 min head start)', ['A1:normal@-45', 'A2:priority@0'], 0, 'A1', 0],
    ['no aging yet: a walk-in waiting 20 min loses to a fresh priority ticket', ['A1:normal@-20', 'A2:priority@0'], 0, 'A2', 1],
    ['ratio: after 2 preferred calls one normal is called', ['A1:normal@-10', 'A2:priority@-1'], 2, 'A1', 0],
    ['ratio: only when a normal ticket waits', ['A2:priority@-1', 'A3:appointment@-1'], 2, 'A3', 3],
    ['ratio: the best normal among several services', ['A1:normal@-10', 'B1:normal@-12', 'A2:priority@-1'], 2, 'B1', 0],
    ['across services: the longest wait', ['A1:normal@-10', 'B1:normal@-12'], 0, 'B1', 0],
    ['ties: the lower number', ['A1:normal@-10', 'A2:normal@-10'], 0, 'A1', 0],
    ['a transfer keeps its original time: it goes first', ['B4:normal@-5', 'B9:normal@-30'], 0, 'B9', 0],
  ];
  it.each(cases)('%s', (_name, waiting, streak, expected, after) => {
    const pick = pickNext(waiting.map(t), streak, NOW, POLICY);
    expect(pick?.ticket.ticketId ?? null).toBe(expected);
    if (pick) expect(pick.streak).toBe(after);
  });

  it('without a ratio, preferred tickets are called as long as they outrank', () => {
    const pick = pickNext(['A1:normal@-10', 'A2:priority@-1'].map(t), 5, NOW, { ...POLICY, preferredPerNormal: 0 });
    expect(pick?.ticket.ticketId).toBe('A2');
  });
});

describe('orderQueue: the whole list in call order', () => {
  it('interleaves 2 preferred : 1 normal and then drains the rest', () => {
    const waiting = ['A1:normal@-10', 'A2:normal@-9', 'A3:priority@-3', 'A4:priority@-2', 'A5:priority@-1', 'A6:appointment@-1'].map(t);
    expect(orderQueue(waiting, 0, NOW, POLICY).map((c) => c.ticketId)).toEqual(['A6', 'A3', 'A1', 'A4', 'A5', 'A2']);
  });

  it('is what repeated pickNext gives, and nobody is left out (1,000 random tickets)', () => {
    const classes: TicketClass[] = ['normal', 'normal', 'normal', 'priority', 'appointment'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const waiting = Array.from({ length: 1000 }, (_, i) => t(`${'ABC'[i % 3]}${i + 1}:${classes[Math.floor(rnd() * 5)]}@-${Math.floor(rnd() * 180)}`));
    const ordered = orderQueue(waiting, 0, NOW, POLICY);
    expect(new Set(ordered.map((c) => c.ticketId)).size).toBe(1000);
    let rest = [...waiting];
    let streak = 0;
    for (const expected of ordered.slice(0, 50)) {
      const pick = pickNext(rest, streak, NOW, POLICY);
      expect(pick?.ticket.ticketId).toBe(expected.ticketId);
      streak = pick?.streak ?? 0;
      rest = rest.filter((c) => c !== pick?.ticket);
    }
  });
});
