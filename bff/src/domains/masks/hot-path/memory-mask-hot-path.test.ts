import { randomUUID } from 'node:crypto';
import type { HotReservation, ReservationSink, SinkResult } from './mask-hot-path';
import { MemoryMaskHotPath } from './memory-mask-hot-path';

/** Records rows like the SQL sink would: one active reservation per person. */
class ArraySink implements ReservationSink {
  readonly rows = new Map<string, HotReservation & { status: string }>();
  failNext: Error | null = null;
  delayMs = 0;

  async write(batch: HotReservation[]): Promise<SinkResult> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
    const result: SinkResult = { conflicts: [], reservedIds: new Set() };
    for (const r of batch) {
      if (this.rows.has(r.reservationId)) continue;
      const active = [...this.rows.values()].find((x) => x.personId === r.personId && x.status === 'reserved');
      this.rows.set(r.reservationId, { ...r, status: active ? 'cancelled' : 'reserved' });
      if (active) result.conflicts.push({ reservation: r, activeReservationId: active.reservationId });
      else result.reservedIds.add(r.reservationId);
    }
    return result;
  }
}

const NOW = Date.UTC(2020, 1, 1, 2);
const ROUND = 'round-1';

function res(overrides: Partial<HotReservation> = {}): HotReservation {
  const personId = overrides.personId ?? randomUUID();
  return {
    reservationId: randomUUID(),
    roundId: ROUND,
    pharmacyId: 'ph-1',
    personId,
    holderPersonId: personId,
    accountId: `acct-${personId}`,
    pickupDate: '2020-02-03',
    quantity: 5,
    idempotencyKey: null,
    createdAt: NOW,
    ...overrides,
  };
}

describe('MemoryMaskHotPath (in-process twin)', () => {
  let sink: ArraySink;
  let hot: MemoryMaskHotPath;

  beforeEach(async () => {
    sink = new ArraySink();
    hot = new MemoryMaskHotPath(sink);
    await hot.setRemaining(ROUND, 'ph-1', 3);
    await hot.setRemaining(ROUND, 'ph-2', 0);
  });

  it('books, writes the row before answering, and counts down', async () => {
    const r = res();
    expect(await hot.book(r, NOW)).toEqual({ reservation: { ...r, shortSeq: 1 }, replay: false, remaining: 2 });
    expect(sink.rows.get(r.reservationId)?.status).toBe('reserved');
    expect(await hot.personState(r.personId, NOW)).toEqual({ personId: r.personId, activeReservationId: r.reservationId, repeatUntil: null });
  });

  it('is atomic under concurrency: exactly the quota succeeds, one per person', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => hot.book(res(), NOW)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await hot.remaining(ROUND, ['ph-1'])).toEqual({ 'ph-1': 0 });
    expect(sink.rows.size).toBe(3);
  });

  it('refuses in the documented order', async () => {
    await expect(hot.book(res({ pharmacyId: 'ph-2' }), NOW)).rejects.toMatchObject({ code: 'SOLD_OUT' });
    await expect(hot.book(res({ pharmacyId: 'ph-none' }), NOW)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    const p = randomUUID();
    await hot.book(res({ personId: p }), NOW);
    await expect(hot.book(res({ personId: p, pharmacyId: 'ph-2' }), NOW)).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
  });

  it('gives everything back and answers 503 when the row cannot be written', async () => {
    sink.failNext = new Error('SQLITE_BUSY');
    const r = res({ idempotencyKey: 'k' });
    await expect(hot.book(r, NOW)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(await hot.remaining(ROUND, ['ph-1'])).toEqual({ 'ph-1': 3 });
    expect((await hot.personState(r.personId, NOW)).activeReservationId).toBeNull();
    // The same key may be retried: nothing was recorded for it.
    expect((await hot.book({ ...r, reservationId: randomUUID() }, NOW)).replay).toBe(false);
  });

  it('a failed write blocks no one, as a failed Cluster saga step does not (issue 16): another key books at once', async () => {
    sink.failNext = new Error('SQLITE_BUSY');
    const r = res({ idempotencyKey: 'k1' });
    await expect(hot.book(r, NOW)).rejects.toMatchObject({ status: 503 });
    const other = res({ personId: r.personId, accountId: r.accountId, idempotencyKey: 'k2' });
    // The failed write spent a short-code number: a gap, never a duplicate.
    expect(await hot.book(other, NOW)).toEqual({ reservation: { ...other, shortSeq: 2 }, replay: false, remaining: 2 });
    await expect(hot.book({ ...r, reservationId: randomUUID() }, NOW)).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    expect([...sink.rows.values()].map((x) => x.reservationId)).toEqual([other.reservationId]);
  });

  it('turns a database-side conflict into ALREADY_RESERVED and returns the unit', async () => {
    const p = randomUUID();
    const first = res({ personId: p });
    await hot.book(first, NOW);
    // Hot state lost the hold (as after a restart without rebuild): the database still knows.
    const fresh = new MemoryMaskHotPath(sink);
    await fresh.setRemaining(ROUND, 'ph-1', 2);
    await expect(fresh.book(res({ personId: p }), NOW)).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    expect(await fresh.remaining(ROUND, ['ph-1'])).toEqual({ 'ph-1': 2 });
    expect((await fresh.personState(p, NOW)).activeReservationId).toBe(first.reservationId);
  });

  it('lets concurrent retries with one Idempotency-Key wait for the first and replay it', async () => {
    sink.delayMs = 20;
    const base = res({ idempotencyKey: 'same' });
    const all = await Promise.all(Array.from({ length: 10 }, () => hot.book({ ...base, reservationId: randomUUID() }, NOW)));
    expect(all.filter((o) => !o.replay)).toHaveLength(1);
    expect(new Set(all.map((o) => o.reservation.reservationId)).size).toBe(1);
    expect(new Set(all.map((o) => o.remaining))).toEqual(new Set([2]));
    expect(sink.rows.size).toBe(1);
  });

  it('refuses a reused key for a different request, and forgets keys after their ttl', async () => {
    let t = 0;
    hot = new MemoryMaskHotPath(sink, { clock: () => t, idempotencyTtlMs: 1000 });
    await hot.setRemaining(ROUND, 'ph-1', 5);
    await hot.setRemaining(ROUND, 'ph-3', 5);
    const r = res({ idempotencyKey: 'k' });
    await hot.book(r, NOW);
    await expect(hot.book({ ...r, reservationId: randomUUID(), pharmacyId: 'ph-3' }, NOW)).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    // The cancel service moves the row first, then releases the hold.
    sink.rows.get(r.reservationId)!.status = 'cancelled';
    await hot.release(r.personId, r.reservationId, ROUND, 'ph-1', true);
    t = 1000;
    hot.sweep();
    expect((await hot.book({ ...r, reservationId: randomUUID() }, NOW)).replay).toBe(false);
  });

  it('restore fills in only what is missing', async () => {
    const p = randomUUID();
    await hot.restore(
      [{ roundId: ROUND, remaining: { 'ph-1': 99, 'ph-9': 4 } }],
      [{ personId: p, activeReservationId: 'r-db', repeatUntil: NOW + 5 }],
    );
    expect(await hot.remaining(ROUND, ['ph-1', 'ph-9'])).toEqual({ 'ph-1': 3, 'ph-9': 4 });
    expect(await hot.personState(p, NOW)).toEqual({ personId: p, activeReservationId: 'r-db', repeatUntil: NOW + 5 });
    await hot.restore([], [{ personId: p, activeReservationId: 'other', repeatUntil: NOW + 1 }]);
    expect(await hot.personState(p, NOW)).toEqual({ personId: p, activeReservationId: 'r-db', repeatUntil: NOW + 5 });
  });

  it('refuses a malformed reservation as a bug (500)', async () => {
    await expect(hot.book(res({ personId: '' }), NOW)).rejects.toMatchObject({ status: 500 });
    await expect(hot.book(res({ quantity: 0 }), NOW)).rejects.toMatchObject({ status: 500 });
  });
});
