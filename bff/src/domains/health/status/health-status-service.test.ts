import { join } from 'node:path';
import { createLogger } from '../../../core/create-logger';
import { MemoryHotStore } from '../../../infra/hot-store/memory-hot-store';
import { healthStatusKey } from '../../../infra/hot-store/keys';
import type { ColourChangedEvent } from '../health-ports';
import type { HealthInputs } from '../rules/evaluate-health';
import { loadHealthRules } from '../rules/health-rules-schema';
import type { ColourChangeRecord, HealthStore, StoredStatus } from '../store/health-store';
import { HealthStatusService } from './health-status-service';

const rules = loadHealthRules(join(__dirname, '../../../../../config/health-rules.json'));
const NOW = Date.parse('2026-12-04T02:00:00Z');

/** The parts of the store the status service uses, in memory, counting evaluations. */
class FakeStore {
  inputs: Omit<HealthInputs, 'riskAreas'> = { lists: [], tests: [], declarations: [], exposures: [], override: null };
  rows = new Map<string, StoredStatus>();
  changes: ColourChangeRecord[] = [];
  audits: unknown[] = [];
  evaluations = 0;
  durableReads = 0;
  transaction = <T>(fn: (tx: HealthStore) => Promise<T>) => fn(this as unknown as HealthStore);
  connection = () => 'the transaction' as never;
  audit = async (e: unknown) => void this.audits.push(e);
  idHashOf = async (id: string) => (id === 'ghost' ? null : `hash-${id}`);
  inputsOf = async () => {
    this.evaluations += 1;
    return this.inputs;
  };
  riskAreas = async () => [];
  statusOf = async (id: string) => {
    this.durableReads += 1;
    return this.rows.get(id) ?? null;
  };
  saveStatus = async (id: string, s: StoredStatus) => void this.rows.set(id, s);
  addColourChange = async (c: ColourChangeRecord) => void this.changes.push(c);
}

function setup() {
  let now = NOW;
  const store = new FakeStore();
  const hot = new MemoryHotStore({ now: () => now, sweepIntervalMs: 0 });
  const notices: ColourChangedEvent[] = [];
  const notifier = { colourChanged: jest.fn(async (e: ColourChangedEvent) => void notices.push(e)) };
  const service = new HealthStatusService(store as unknown as HealthStore, hot, rules, notifier, createLogger('silent'), () => now, { localTtlMs: 2000, localMaxEntries: 10, hotTtlMs: 3_600_000, riskAreasTtlMs: 5000 });
  return { store, hot, service, notices, notifier, advance: (ms: number) => (now += ms) };
}

describe('HealthStatusService caching and recomputation', () => {
  it('computes once, then answers from the process, the hot store, then MySQL, never re-evaluating', async () => {
    const { store, hot, service, advance } = setup();
    expect((await service.statusOf('p1')).colour).toBe('green');
    expect(store.evaluations).toBe(1);
    const hotReads = jest.spyOn(hot, 'get');
    for (let i = 0; i < 100; i += 1) await service.statusOf('p1');
    expect(hotReads).not.toHaveBeenCalled(); // the verify path's common case: one Map look-up
    hotReads.mockRestore();
    expect(store.evaluations).toBe(1);
    expect(store.durableReads).toBe(2); // the miss, and the transaction's look at the previous colour

    advance(2500); // the in-process copy has expired: the hot store answers
    await service.statusOf('p1');
    expect(store.durableReads).toBe(2);

    await hot.del(healthStatusKey('p1'));
    advance(2500); // hot store lost it: MySQL answers and refills it
    expect((await service.statusOf('p1')).colour).toBe('green');
    expect(store.durableReads).toBe(3);
    expect(store.evaluations).toBe(1);
    expect(await hot.get(healthStatusKey('p1'))).toContain('"green"');
  });

  it('records, audits and notifies a change once; a first green is not a change', async () => {
    const { store, service, notices } = setup();
    await service.statusOf('p1');
    expect(store.changes).toEqual([]);
    store.inputs = { ...store.inputs, lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: null }] };
    const result = await service.recompute('p1', 'import:close_contact', 'official-7');
    expect(result).toMatchObject({ changed: true, status: { colour: 'red', greenFrom: '2026-12-15', reviewOn: '2026-12-15' } });
    expect(store.changes).toEqual([{ personId: 'p1', from: 'green', to: 'red', cause: 'import:close_contact', actor: 'official-7', at: NOW }]);
    expect(store.audits).toEqual([expect.objectContaining({ actor: 'official-7', action: 'health.colour_change', targetId: 'p1' })]);
    expect(notices).toEqual([{ personId: 'p1', from: 'green', to: 'red', cause: 'import:close_contact', at: NOW, reason: '您是密切接触者' }]);
    expect((await service.recompute('p1', 'import:close_contact', 'official-7')).changed).toBe(false);
    expect(store.changes).toHaveLength(1);
    expect((await service.statusOf('p1')).colour).toBe('red');
  });

  it('re-evaluates on read once the day a reason ends has come (cause expiry, actor system)', async () => {
    const { store, service, advance } = setup();
    store.inputs = { ...store.inputs, exposures: [{ date: '2026-12-01' }] };
    expect((await service.statusOf('p1')).greenFrom).toBe('2026-12-15');
    advance(10 * 86_400_000);
    expect((await service.statusOf('p1')).colour).toBe('yellow');
    expect(store.evaluations).toBe(1);
    advance(86_400_000); // 2026-12-15 10:00 China time
    expect((await service.statusOf('p1')).colour).toBe('green');
    expect(store.evaluations).toBe(2);
    expect(store.changes.at(-1)).toMatchObject({ from: 'yellow', to: 'green', cause: 'expiry', actor: 'system' });
  });

  it('tells the notifier inside the transaction that records the change, so a failing outbox fails the change', async () => {
    const { store, service, notifier } = setup();
    store.inputs = { ...store.inputs, tests: [{ result: 'positive', sampledAt: NOW - 1000 }] };
    notifier.colourChanged.mockRejectedValueOnce(new Error('outbox down'));
    await expect(service.recompute('p5', 'test_result', 'system')).rejects.toThrow('outbox down');
    await service.recompute('p5', 'test_result', 'system');
    expect(notifier.colourChanged).toHaveBeenLastCalledWith(expect.objectContaining({ personId: 'p5', to: 'red', cause: 'test_result' }), 'the transaction');
  });

  it('a failing hot store does not fail the answer', async () => {
    const { store, hot, service } = setup();
    store.inputs = { ...store.inputs, tests: [{ result: 'positive', sampledAt: NOW - 1000 }] };
    expect((await service.recompute('p2', 'test_result', 'system')).status.colour).toBe('red');
    jest.spyOn(hot, 'get').mockRejectedValue(new Error('redis down'));
    service.forgetLocal();
    expect((await service.statusOf('p2')).colour).toBe('red');
  });

  it('serialises concurrent recomputations of one person, so history names the real previous colour', async () => {
    const { store, service } = setup();
    await service.statusOf('p3');
    store.inputs = { ...store.inputs, lists: [{ list: 'suspected', date: '2026-12-03', releasedOn: null }] };
    await Promise.all([service.recompute('p3', 'a', 'x'), service.recompute('p3', 'b', 'x'), service.recompute('p3', 'c', 'x')]);
    expect(store.changes.map((c) => `${c.from}->${c.to}`)).toEqual(['green->red']);
  });

  it('a burst of reads of one uncached person loads and evaluates once', async () => {
    const { store, service } = setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => service.statusOf('p4')));
    expect(new Set(answers.map((a) => a.colour))).toEqual(new Set(['green']));
    expect(store.evaluations).toBe(1);
    expect(store.durableReads).toBe(2);
  });

  it('an unknown person is PERSON_NOT_FOUND', async () => {
    const { service } = setup();
    await expect(service.statusOf('ghost')).rejects.toMatchObject({ status: 404, code: 'PERSON_NOT_FOUND' });
  });
});
