import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from 'ioredis';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { ReplicaAck } from '../../bff/src/infra/redis/replica-ack';
import { pharmacyKeys } from '../../bff/src/domains/masks/hot-path/mask-keys';
import { RedisMaskHotPath } from '../../bff/src/domains/masks/hot-path/redis-mask-hot-path';
import { RedisCheckinLedger } from '../../bff/src/domains/venues/checkins/redis-checkin-ledger';
import { reservation } from '../masks/hot-path/hot-path-test-support';
import { clusterStorage, connectOrFail, deleteUnder, REDIS_CLUSTER_TEST_NODES } from './redis-test-support';

/**
 * "Acknowledged means replicated" (issue 16) against a real master (7200) and replica (7201)
 * this test starts and stops itself. A replica frozen with SIGSTOP stops acknowledging: a booking
 * or check-in must then answer 503 (not 201), and its same-key retry after the replica is back
 * answers 201 once, with the unit taken once.
 */
const MASTER_PORT = 7200;
const REPLICA_PORT = 7201;
const dir = mkdtempSync(join(tmpdir(), 'govpass-replica-ack-'));
const servers: ChildProcess[] = [];
let master: RedisClient;
let replica: RedisClient;
let replicaProcess: ChildProcess;

function startServer(port: number, extra: string[] = []): ChildProcess {
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', `${port}.rdb`, ...extra], {
    stdio: 'ignore',
  });
  servers.push(child);
  return child;
}

async function connect(port: number, keyPrefix = ''): Promise<RedisClient> {
  const client = createRedisClient({ redisUrl: `redis://127.0.0.1:${port}`, redisClusterNodes: [], redisKeyPrefix: keyPrefix });
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      await waitForReady(client);
      return client;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  startServer(MASTER_PORT);
  replicaProcess = startServer(REPLICA_PORT, ['--replicaof', '127.0.0.1', String(MASTER_PORT)]);
  master = await connect(MASTER_PORT);
  replica = await connect(REPLICA_PORT);
  const deadline = Date.now() + 10_000;
  while (!/master_link_status:up/.test(await replica.info('replication'))) {
    if (Date.now() > deadline) throw new Error('replica did not sync');
    await new Promise((r) => setTimeout(r, 50));
  }
}, 20_000);

afterAll(async () => {
  if (replicaProcess?.pid) process.kill(replicaProcess.pid, 'SIGCONT');
  if (master) await closeRedisClient(master);
  if (replica) await closeRedisClient(replica);
  for (const s of servers) s.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Freezes the replica for the duration of `fn` (it neither applies nor acknowledges anything). */
async function withReplicaFrozen<T>(fn: () => Promise<T>): Promise<T> {
  process.kill(replicaProcess.pid!, 'SIGSTOP');
  try {
    return await fn();
  } finally {
    process.kill(replicaProcess.pid!, 'SIGCONT');
  }
}

describe.each(['single', 'saga'] as const)('mask booking with replicaAck on a master + replica (%s)', (strategy) => {
  let client: RedisClient;
  let prefix: string;

  beforeEach(async () => {
    prefix = `ra-${randomUUID().slice(0, 8)}:`;
    client = await connect(MASTER_PORT, prefix);
  });

  afterEach(async () => {
    await closeRedisClient(client);
  });

  it('answers 201 only once the outbox entry is on the replica; a frozen replica gives 503, the same-key retry then 201 once', async () => {
    const ack = new ReplicaAck(client, { replicas: 1, timeoutMs: 300 });
    const hot = new RedisMaskHotPath(client, { strategy, replicaAck: ack });
    const round = { roundId: randomUUID() };
    const p = randomUUID();
    await hot.setRemaining(round.roundId, p, 5);
    const outbox = prefix + pharmacyKeys(round.roundId, p).outbox;

    const first = reservation(round, p, { idempotencyKey: 'a' });
    expect(await hot.book(first, Date.now())).toMatchObject({ replay: false, remaining: 4 });
    // Resolved means the replica has it already (no waiting for it here).
    expect(await replica.xlen(outbox)).toBe(1);

    const second = reservation(round, p, { idempotencyKey: 'b' });
    const started = Date.now();
    await withReplicaFrozen(async () => {
      await expect(hot.book(second, Date.now())).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const retry = await hot.book({ ...second, reservationId: randomUUID() }, Date.now());
    expect(retry).toEqual({ reservation: { ...second, shortSeq: 2 }, replay: true, remaining: 3 });
    expect(await replica.xlen(outbox)).toBe(2);
    expect(await hot.remaining(round.roundId, [p])).toEqual({ [p]: 3 });
    expect(await master.xlen(outbox)).toBe(2);
  });

  it('with replicaAck off a booking does not wait for a frozen replica', async () => {
    const hot = new RedisMaskHotPath(client, { strategy });
    const round = { roundId: randomUUID() };
    const p = randomUUID();
    await hot.setRemaining(round.roundId, p, 5);
    await withReplicaFrozen(async () => {
      expect(await hot.book(reservation(round, p), Date.now())).toMatchObject({ remaining: 4 });
    });
  });
});

describe('venue check-ins with replicaAck (infra/durable-stream)', () => {
  it('a check-in answers 503 while the replica is frozen; its retry answers once it is back', async () => {
    const prefix = `ra-${randomUUID().slice(0, 8)}:`;
    const client = await connect(MASTER_PORT, prefix);
    try {
      const ledger = new RedisCheckinLedger(client, { dedupeMs: 60_000, dailyCap: 50 }, new ReplicaAck(client, { replicas: 1, timeoutMs: 300 }));
      const checkin = { id: randomUUID(), personId: randomUUID(), venueId: randomUUID(), accountId: randomUUID(), at: Date.now() };
      await withReplicaFrozen(async () => {
        await expect(ledger.checkIn(checkin)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
      });
      expect(await ledger.checkIn(checkin)).toMatchObject({ duplicate: true, id: checkin.id });
    } finally {
      await closeRedisClient(client);
    }
  });
});

describe(`replicaAck on the Redis Cluster ${REDIS_CLUSTER_TEST_NODES.join(',')}`, () => {
  it('sends WAIT to the master that owns the outbox entry, on its own connection (no replicas there: 503)', async () => {
    const prefix = `ra-${randomUUID().slice(0, 8)}:`;
    const client = (await connectOrFail(clusterStorage(prefix))) as Cluster;
    const admin = (await connectOrFail(clusterStorage(''))) as Cluster;
    const seen: { port: number; command: string; source: string }[] = [];
    const monitors = await Promise.all(
      admin.nodes('master').map(async (n) => {
        const m = await n.monitor();
        m.on('monitor', (_t: string, args: string[], source: string) => seen.push({ port: n.options.port!, command: args.join(' '), source }));
        return m;
      }),
    );
    try {
      const hot = new RedisMaskHotPath(client, { replicaAck: new ReplicaAck(client, { replicas: 1, timeoutMs: 50 }) });
      const round = { roundId: randomUUID() };
      const p = randomUUID();
      await hot.setRemaining(round.roundId, p, 5);
      await expect(hot.book(reservation(round, p), Date.now())).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
      await new Promise((r) => setTimeout(r, 50));
      const outbox = prefix + pharmacyKeys(round.roundId, p).outbox;
      const slot = Number(await admin.cluster('KEYSLOT', outbox));
      const owner = ((await admin.cluster('SLOTS')) as unknown as [number, number, [string, number]][]).find(([a, b]) => slot >= a && slot <= b)![2][1];
      const waits = seen.filter((s) => /^wait /i.test(s.command));
      const write = seen.filter((s) => /^eval(sha)? /i.test(s.command) && s.command.includes(outbox));
      expect(waits.map((w) => ({ port: w.port, command: w.command }))).toEqual([{ port: owner, command: 'WAIT 1 50' }]);
      // WAIT counts the writes of its own connection: it must be the one reserve-unit went through.
      // (An EVALSHA that met NOSCRIPT on a node new to the script is followed by its EVAL, on the same connection.)
      expect(write.map((w) => w.command.split(' ')[0].toLowerCase()).at(-1)).toMatch(/^eval(sha)?$/);
      expect(write.length).toBeLessThanOrEqual(2);
      expect(new Set(write.map((w) => `${w.port} ${w.source}`))).toEqual(new Set([`${owner} ${waits[0].source}`]));
    } finally {
      for (const m of monitors) m.disconnect();
      await closeRedisClient(client);
      await deleteUnder(admin, prefix);
      await closeRedisClient(admin);
    }
  });
});
