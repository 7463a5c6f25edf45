import { Cluster, ReplyError } from 'ioredis';
import { setRetryPolicy } from '../../../infra/redis/redis-retry';
import { PLAIN_COMMAND_IDEMPOTENT, plainCommand, type PlainCommand } from './plain-commands';
import { RedisMaskHotPath } from './redis-mask-hot-path';

/** A Cluster-shaped stand-in: the retry needs the client's class, its policy and its slot refresh. */
function clusterStub<T extends object>(commands: T): Cluster & T {
  const client = Object.assign(Object.create(Cluster.prototype) as Cluster, {
    refreshSlotsCache: (done: () => void) => done(),
    defineCommand: () => undefined,
    ...commands,
  });
  setRetryPolicy(client, { budgetMs: 500, attempts: 4 });
  return client;
}

/** A command that fails with `errors` in turn, then answers `result`. */
function failing<T>(errors: Error[], result: T) {
  const calls = { n: 0 };
  const fn = async () => {
    const err = errors[calls.n++];
    if (err) throw err;
    return result;
  };
  return { fn, calls };
}

const moved = () => new ReplyError('MOVED 3999 127.0.0.1:7101');
const lost = () => new Error('Connection is closed.');

describe('the masks hot path’s plain commands through cluster transitions', () => {
  it('classifies which commands may repeat after a failure that may have run them', () => {
    expect(PLAIN_COMMAND_IDEMPOTENT).toEqual({
      GET: true,
      EXISTS: true,
      SET: true,
      'SET NX, reply unused': true,
      'PEXPIREAT NX': true,
      INCRBY: false,
    });
  });

  const client = clusterStub({});
  const commands = Object.keys(PLAIN_COMMAND_IDEMPOTENT) as PlainCommand[];

  it.each(commands)('%s: repeated after MOVED / TRYAGAIN / CLUSTERDOWN / LOADING (not run)', async (command) => {
    const { fn, calls } = failing([moved(), new ReplyError('TRYAGAIN x'), new ReplyError('CLUSTERDOWN The cluster is down')], 'ok');
    await expect(plainCommand(client, command, fn)).resolves.toBe('ok');
    expect(calls.n).toBe(4);
    const loading = failing([new ReplyError('LOADING Redis is loading the dataset in memory')], 'ok');
    await expect(plainCommand(client, command, loading.fn)).resolves.toBe('ok');
  });

  it.each(commands)('%s: after a lost connection (may have run) repeated only when idempotent, else 503 at once', async (command) => {
    const { fn, calls } = failing([lost()], 'ok');
    if (PLAIN_COMMAND_IDEMPOTENT[command]) {
      await expect(plainCommand(client, command, fn)).resolves.toBe('ok');
      expect(calls.n).toBe(2);
    } else {
      await expect(plainCommand(client, command, fn)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
      expect(calls.n).toBe(1);
    }
  });

  it('answers 503 STORE_UNAVAILABLE once the retry gives up, and 500 at once for a bug', async () => {
    const down = failing(Array.from({ length: 10 }, () => new ReplyError('CLUSTERDOWN The cluster is down')), 'ok');
    await expect(plainCommand(client, 'GET', down.fn)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(down.calls.n).toBe(4);
    const bug = failing([new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value')], 'ok');
    await expect(plainCommand(client, 'GET', bug.fn)).rejects.toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(bug.calls.n).toBe(1);
  });

  it('RedisMaskHotPath sends its reads and writes through it (GET, EXISTS, SET, INCRBY, PEXPIREAT)', async () => {
    const get = failing([moved()], '7');
    const exists = failing([lost()], 1);
    const set = failing([lost()], 'OK');
    const incrby = failing([moved()], 12);
    const pexpireat = failing([lost()], 1);
    const stub = clusterStub({ get: get.fn, exists: exists.fn, set: set.fn, incrby: incrby.fn, call: pexpireat.fn });
    const hotPath = new RedisMaskHotPath(stub);
    expect(await hotPath.remaining('r1', ['p1'])).toEqual({ p1: 7 });
    expect(await hotPath.hasCounters('r1', 'p1')).toBe(true);
    await hotPath.setRemaining('r1', 'p1', 3);
    expect(await hotPath.takeShortSeqs('p1', '2026-12-06', 3)).toBe(10);
    expect([get.calls.n, exists.calls.n, set.calls.n, incrby.calls.n, pexpireat.calls.n]).toEqual([2, 2, 2, 2, 2]);
  });

  it('RedisMaskHotPath never sends INCRBY twice after a lost connection: 503, the client retries the request', async () => {
    const incrby = failing([lost()], 12);
    const hotPath = new RedisMaskHotPath(clusterStub({ incrby: incrby.fn, call: async () => 1 }));
    await expect(hotPath.takeShortSeqs('p1', '2026-12-06', 3)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(incrby.calls.n).toBe(1);
  });
});
