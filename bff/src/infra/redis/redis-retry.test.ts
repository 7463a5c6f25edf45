import { Cluster, ReplyError } from 'ioredis';
import { redisFaultKind } from '../../core/store-faults';
import { toHotStoreError } from '../hot-store/hot-store-errors';
import { withRedisRetry, setRetryPolicy } from './redis-retry';
import type { RedisClient } from './create-redis-client';

const reply = (message: string) => new ReplyError(message);
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/** Every error a Redis call can end with during a cluster transition, and what it must become. */
const TABLE: [Error, 'not-run' | 'maybe-run' | null, 503 | 500][] = [
  [reply('MOVED 3999 127.0.0.1:7101'), 'not-run', 503],
  [reply('ASK 3999 127.0.0.1:7101'), 'not-run', 503],
  [reply('TRYAGAIN Multiple keys request during rehashing of slot'), 'not-run', 503],
  [reply('CLUSTERDOWN The cluster is down'), 'not-run', 503],
  [reply('CLUSTERDOWN Hash slot not served'), 'not-run', 503],
  [reply('MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no'), 'not-run', 503],
  [reply("READONLY You can't write against a read only replica."), 'not-run', 503],
  [reply('LOADING Redis is loading the dataset in memory'), 'not-run', 503],
  [reply('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.'), 'not-run', 503],
  [reply('NOSCRIPT No matching script. Please use EVAL.'), 'not-run', 503],
  [new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'not-run', 503],
  [new Error("Cluster isn't ready and enableOfflineQueue options is false"), 'not-run', 503],
  [new Error('Failed to refresh slots cache.'), 'not-run', 503],
  [new Error('None of startup nodes is available'), 'not-run', 503],
  [new Error('Connection is closed.'), 'maybe-run', 503],
  [new Error('Command timed out'), 'maybe-run', 503],
  [new Error('Too many Cluster redirections. Last error: Error: Connection is closed.'), 'maybe-run', 503],
  [named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest" option for details.'), 'maybe-run', 503],
  [named('ClusterAllFailedError', 'Failed to refresh slots cache.'), 'not-run', 503],
  [named('AbortError', 'Cluster is ended.'), 'maybe-run', 503],
  [named('AbortError', 'Command aborted due to connection close'), 'maybe-run', 503],
  // Real refusals: bugs, never retried, 500.
  [reply('BUSYGROUP Consumer Group name already exists'), null, 500],
  [reply('BUSYKEY Target key name already exists.'), null, 500],
  [reply('WRONGTYPE Operation against a key holding the wrong kind of value'), null, 500],
  [reply("CROSSSLOT Keys in request don't hash to the same slot"), null, 500],
  [reply('ERR value is not an integer or out of range'), null, 500],
  [reply('ERR Error running script (call to f_1): @user_script:3: attempt to compare nil with number'), null, 500],
  [reply('NOGROUP No such key or consumer group'), null, 500],
];

describe('Redis fault classification (core/store-faults redisFaultKind, used by every Redis caller)', () => {
  it.each(TABLE.map(([err, kind, status]) => [err.message.slice(0, 60), err, kind, status] as const))('%s → %s', (_m, err, kind, status) => {
    expect(redisFaultKind(err)).toBe(kind);
    expect(toHotStoreError(err).status).toBe(status);
    expect(toHotStoreError(err).code).toBe(status === 503 ? 'STORE_UNAVAILABLE' : 'INTERNAL');
  });
});

it('is not fooled by errors of other libraries that share a name (a fetch timeout is no Redis outage)', () => {
  expect(redisFaultKind(named('AbortError', 'This operation was aborted'))).toBeNull();
  expect(redisFaultKind(new Error('BUSY'))).toBe('not-run');
  expect(redisFaultKind('MOVED 1 x')).toBeNull();
});

describe('withRedisRetry', () => {
  // A Cluster-shaped stand-in: the retry needs the client's class, its policy and its slot refresh.
  const refreshes = { n: 0 };
  const client = Object.assign(Object.create(Cluster.prototype) as Cluster, {
    refreshSlotsCache: (done: () => void) => {
      refreshes.n++;
      done();
    },
  });
  setRetryPolicy(client, { budgetMs: 1000, attempts: 4 });

  function failing(errors: Error[], result = 'ok') {
    const calls = { n: 0 };
    const fn = async () => {
      const err = errors[calls.n++];
      if (err) throw err;
      return result;
    };
    return { fn, calls };
  }

  it('repeats a call Redis did not run, for any call (MOVED, TRYAGAIN, NOSCRIPT)', async () => {
    const { fn, calls } = failing([reply('MOVED 1 127.0.0.1:7101'), reply('TRYAGAIN x'), reply('NOSCRIPT No matching script')]);
    await expect(withRedisRetry(client, fn, { idempotent: false })).resolves.toBe('ok');
    expect(calls.n).toBe(4);
    expect(refreshes.n).toBeGreaterThanOrEqual(1); // after the MOVED, not after TRYAGAIN / NOSCRIPT
  });

  it('on standalone Redis repeats replies only: a server that is down answers 503 at once', async () => {
    const standalone = {} as RedisClient;
    const down = failing([new Error("Stream isn't writeable and enableOfflineQueue options is false")]);
    await expect(withRedisRetry(standalone, down.fn, { idempotent: true })).rejects.toThrow("Stream isn't writeable");
    expect(down.calls.n).toBe(1);
    const loading = failing([reply('LOADING Redis is loading the dataset in memory')]);
    await expect(withRedisRetry(standalone, loading.fn, { idempotent: false })).resolves.toBe('ok');
  });

  it('repeats a call that may have run only when it is idempotent', async () => {
    const lost = failing([new Error('Connection is closed.')]);
    await expect(withRedisRetry(client, lost.fn, { idempotent: false })).rejects.toThrow('Connection is closed.');
    expect(lost.calls.n).toBe(1);
    const again = failing([new Error('Connection is closed.')]);
    await expect(withRedisRetry(client, again.fn, { idempotent: true })).resolves.toBe('ok');
    expect(again.calls.n).toBe(2);
  });

  it('never repeats a bug', async () => {
    const { fn, calls } = failing([reply('WRONGTYPE x')]);
    await expect(withRedisRetry(client, fn, { idempotent: true })).rejects.toThrow('WRONGTYPE');
    expect(calls.n).toBe(1);
  });

  it('gives up after the attempts with the last error (the caller answers 503)', async () => {
    const down = Array.from({ length: 10 }, () => reply('CLUSTERDOWN The cluster is down'));
    const { fn, calls } = failing(down);
    await expect(withRedisRetry(client, fn, { idempotent: true })).rejects.toThrow('CLUSTERDOWN');
    expect(calls.n).toBe(4);
  });

  it('gives up when the budget is spent, whatever the attempts left', async () => {
    const tight = Object.create(Cluster.prototype) as Cluster;
    setRetryPolicy(tight, { budgetMs: 60, attempts: 20 });
    const down = Array.from({ length: 30 }, () => reply('TRYAGAIN x'));
    const { fn, calls } = failing(down);
    const t0 = Date.now();
    await expect(withRedisRetry(tight, fn, { idempotent: false })).rejects.toThrow('TRYAGAIN');
    expect(Date.now() - t0).toBeLessThan(200);
    expect(calls.n).toBeLessThan(6);
  });
});
