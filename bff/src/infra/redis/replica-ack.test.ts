import type { RedisClient } from './create-redis-client';
import { ReplicaAck } from './replica-ack';

/** A standalone client whose WAITs the test answers by hand. */
function fakeClient() {
  const waits: { args: unknown[]; answer: (n: number) => void }[] = [];
  const client = {
    call: (...args: unknown[]) => new Promise<number>((answer) => waits.push({ args, answer })),
  };
  return { client: client as unknown as RedisClient, waits };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ReplicaAck', () => {
  it('sends nothing when off', async () => {
    const { client, waits } = fakeClient();
    await new ReplicaAck(client, { replicas: 0, timeoutMs: 0 }).acknowledge('k');
    expect(waits).toHaveLength(0);
  });

  it('groups concurrent callers: one WAIT in flight, the next shared by all who came meanwhile', async () => {
    const { client, waits } = fakeClient();
    const ack = new ReplicaAck(client, { replicas: 1, timeoutMs: 200 });
    const first = ack.acknowledge('a');
    const later = Array.from({ length: 10 }, (_, i) => ack.acknowledge(`k${i}`));
    await tick();
    expect(waits.map((w) => w.args)).toEqual([['WAIT', 1, 200]]);
    waits[0].answer(1);
    await first;
    await tick();
    // The later callers' writes may postdate the first WAIT: they need one sent after it.
    expect(waits).toHaveLength(2);
    waits[1].answer(1);
    await Promise.all(later);
    expect(waits).toHaveLength(2);
  });

  it('answers 503 STORE_UNAVAILABLE when fewer replicas acknowledged in time', async () => {
    const { client, waits } = fakeClient();
    const pending = new ReplicaAck(client, { replicas: 2, timeoutMs: 50 }).acknowledge('a');
    await tick();
    waits[0].answer(1);
    await expect(pending).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE', details: { replicas: 2, acknowledged: 1 } });
  });

  it('refuses a config that would block forever', () => {
    const { client } = fakeClient();
    expect(() => new ReplicaAck(client, { replicas: 1, timeoutMs: 0 })).toThrow(RangeError);
  });
});
