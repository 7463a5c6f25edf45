import { AppError } from '../../../core/app-error';
import { RoundService } from './round-service';
import type { RoundRecord, RoundStore } from './round-store';

const OPENS = Date.parse('2020-02-03T09:00:00+08:00');

class CountingStore implements Pick<RoundStore, 'closingAfter' | 'findById'> {
  calls = 0;
  rounds: RoundRecord[] = [{ id: 'r1', name: 'r1', opensAt: OPENS, closesAt: OPENS + 3_600_000, pickupDate: '2020-02-04', quantityPerPerson: 5, mode: 'first_come', repeatDays: 7, createdAt: 0 }];
  async closingAfter(): Promise<RoundRecord[]> {
    this.calls += 1;
    return this.rounds;
  }
  async findById(id: string): Promise<RoundRecord | null> {
    return this.rounds.find((r) => r.id === id) ?? null;
  }
}

describe('RoundService', () => {
  let now: number;
  let store: CountingStore;
  let rounds: RoundService;
  beforeEach(() => {
    now = OPENS - 10_000;
    store = new CountingStore();
    rounds = new RoundService(store as unknown as RoundStore, () => now);
  });

  it('refuses with ROUND_NOT_OPEN from a ≤1 s cache: a surge costs one store read per second', async () => {
    const refusals = await Promise.all(Array.from({ length: 1000 }, () => rounds.requireOpen().catch((e: AppError) => e)));
    expect(refusals.every((e) => e instanceof AppError && e.code === 'ROUND_NOT_OPEN' && e.status === 409)).toBe(true);
    expect((refusals[0] as AppError).details).toEqual({ opensAt: '2020-02-03T01:00:00.000Z' });
    expect(store.calls).toBe(1);
    now += 999;
    await rounds.requireOpen().catch(() => undefined);
    expect(store.calls).toBe(1);
    now += 1;
    await rounds.requireOpen().catch(() => undefined);
    expect(store.calls).toBe(2);
  });

  it('opens exactly at opensAt by the clock, without waiting for the cache', async () => {
    now = OPENS - 500;
    await expect(rounds.requireOpen()).rejects.toMatchObject({ code: 'ROUND_NOT_OPEN' });
    now = OPENS;
    expect((await rounds.requireOpen()).id).toBe('r1');
    expect(store.calls).toBe(1);
    now = OPENS + 3_600_000;
    await expect(rounds.requireOpen()).rejects.toMatchObject({ code: 'ROUND_NOT_OPEN', details: { closedAt: '2020-02-03T02:00:00.000Z', nextOpensAt: null } });
  });

  it('sees a new round at once after invalidate()', async () => {
    store.rounds = [];
    expect(await rounds.current()).toBeNull();
    store.rounds = new CountingStore().rounds;
    expect(await rounds.current()).toBeNull();
    rounds.invalidate();
    expect((await rounds.current())?.id).toBe('r1');
  });
});
