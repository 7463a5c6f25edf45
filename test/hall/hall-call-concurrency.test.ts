import { randomUUID } from 'node:crypto';
import type { TicketClass } from '@govpass/shared-types';
import { chinaDateOf } from '../../bff/src/core/china-date';
import { orderPolicyOf } from '../../bff/src/domains/hall/build-hall-domain';
import { pickNext, type QueueCandidate } from '../../bff/src/domains/hall/queue/queue-order';
import type { NewTicket } from '../../bff/src/domains/hall/queue/ticket-record';
import { REDIS_CLUSTER_TEST_NODES } from '../hot-store/redis-test-support';
import { startTestApp, type TestApp } from '../support/test-app';
import { DEMO_HALL_ID, seedDemoHall } from './support';

/*
 * 1,000 tickets taken at once, then three windows calling next concurrently until nobody waits:
 * every ticket is called exactly once, the numbers of each service are 1…n without a gap, and each
 * call is what the one ordering function picks given the window's services, its streak and the
 * tickets not yet called (replayed in the order the claims ran). On Redis and on the 3-master Cluster.
 */
const WINDOWS = { 'win-1': ['svc-id-card'], 'win-2': ['svc-id-card', 'svc-household'], 'win-3': ['svc-household'] } as const;
const PREFIX = { 'svc-id-card': 'A', 'svc-household': 'B' } as const;
const STAFF = { accountId: 'test-staff', grants: [{ role: 'admin' as const, scopeId: null }], requestId: null };

function classOf(i: number): TicketClass {
  return i % 10 === 0 ? 'appointment' : i % 10 < 3 ? 'priority' : 'normal';
}

describe.each([['Redis', {}], ['the Cluster', { storage: { redisUrl: null, redisClusterNodes: REDIS_CLUSTER_TEST_NODES } }]])('1,000 tickets, 3 windows calling at once, on %s', (_name, overrides) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('real', overrides);
    await seedDemoHall(t.app);
  }, 60_000);
  afterAll(() => t.close());

  it('calls each ticket exactly once, in the order of the ordering rule; numbers contiguous per service', async () => {
    const { queue, consoles } = t.app.services.hall;
    const now = Date.now();
    const day = chinaDateOf(now);
    const tickets: NewTicket[] = Array.from({ length: 1000 }, (_, i) => {
      const serviceId = i % 5 < 3 ? 'svc-id-card' : 'svc-household';
      const rankAt = now - 3_600_000 + ((i * 7919) % 3_600_000);
      return { id: randomUUID(), hallId: DEMO_HALL_ID, day, serviceId, ticketPrefix: PREFIX[serviceId], personId: `p-${i}`, takenBy: 'kiosk', channel: 'code', ticketClass: classOf(i), priority: classOf(i) === 'priority' ? ['disabled'] : [], appointmentId: null, state: 'waiting', rankAt, takenAt: now, arrivedAt: rankAt, calledAt: null, startedAt: null, finishedAt: null, windowId: null, calls: 0, etaP50Min: null, etaP90Min: null, transferredFrom: null };
    });
    const taken = await Promise.all(tickets.map((n) => queue.take(n, { subject: 'kiosk', key: n.id, fingerprint: 'f' })));
    for (const [serviceId, prefix] of Object.entries(PREFIX)) {
      const numbers = taken.filter((x) => x.ticket.serviceId === serviceId).map((x) => x.ticket.seq).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      expect(taken.find((x) => x.ticket.serviceId === serviceId && x.ticket.seq === 7)?.ticket.number).toBe(`${prefix}007`);
    }

    // The claims in the order the store ran them (one connection per slot: replies come in order).
    const claims: { windowId: string; ticketId: string }[] = [];
    const store = queue;
    const claim = store.claim.bind(store);
    store.claim = async (...args) => {
      const r = await claim(...args);
      if (r !== 'moved') claims.push({ windowId: args[3].windowId, ticketId: r.id });
      return r;
    };
    const work = async (windowId: string) => {
      for (;;) if ((await consoles.callNext(STAFF, windowId)) === null) return;
    };
    await Promise.all(Object.keys(WINDOWS).map(work));
    store.claim = claim;

    expect(claims).toHaveLength(1000);
    expect(new Set(claims.map((c) => c.ticketId)).size).toBe(1000);
    const states = await Promise.all(tickets.map((n) => queue.get(DEMO_HALL_ID, day, n.id)));
    expect(states.every((s) => s?.state === 'called')).toBe(true);
    const byWindow = claims.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.windowId]: (acc[c.windowId] ?? 0) + 1 }), {});
    expect(Object.keys(byWindow).sort()).toEqual(['win-1', 'win-2', 'win-3']);

    const policy = orderPolicyOf(t.app.config.hallQueue);
    let remaining: QueueCandidate[] = taken.map(({ ticket: x }) => ({ ticketId: x.id, serviceId: x.serviceId, ticketClass: x.ticketClass, rankAt: x.rankAt, seq: x.seq }));
    const streak: Record<string, number> = {};
    for (const c of claims) {
      const services: readonly string[] = WINDOWS[c.windowId as keyof typeof WINDOWS];
      const pick = pickNext(remaining.filter((x) => services.includes(x.serviceId)), streak[c.windowId] ?? 0, Date.now(), policy);
      expect({ window: c.windowId, ticket: c.ticketId }).toEqual({ window: c.windowId, ticket: pick?.ticket.ticketId });
      streak[c.windowId] = pick?.streak ?? 0;
      remaining = remaining.filter((x) => x.ticketId !== c.ticketId);
    }
  }, 120_000);
});
