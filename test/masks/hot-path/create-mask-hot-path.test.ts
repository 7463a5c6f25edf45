import { randomUUID } from 'node:crypto';
import { ShortCodes } from '../../../bff/src/domains/masks/pickup-code/short-code';
import { createDatabase } from '../../../bff/src/infra/db/create-database';
import { runMigrations } from '../../../bff/src/infra/db/run-migrations';
import { closeRedisClient, type RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { createMaskHotPath } from '../../../bff/src/domains/masks/hot-path/create-mask-hot-path';
import { MemoryMaskHotPath } from '../../../bff/src/domains/masks/hot-path/memory-mask-hot-path';
import { RedisMaskHotPath } from '../../../bff/src/domains/masks/hot-path/redis-mask-hot-path';
import { clusterStorage, connectOrFail, deleteUnder, standaloneStorage } from '../../hot-store/redis-test-support';
import { uniquePrefix } from '../../support/test-services';
import { openInHotStore, openScratchMaskDb, reservation, seedRound, type ScratchMaskDb } from './hot-path-test-support';

let scratch: ScratchMaskDb;

beforeAll(async () => {
  scratch = await openScratchMaskDb();
});

afterAll(async () => {
  await scratch?.close();
});

const shortCodes = new ShortCodes('ab'.repeat(32));

describe('createMaskHotPath', () => {
  it('embedded: in-process hot path over SQLite, rebuilt from the database at start', async () => {
    const database = createDatabase({ mysqlUrl: null, sqlitePath: ':memory:' });
    await runMigrations(database.db);
    try {
      const rd = await seedRound(database.db, { [randomUUID()]: 3 });
      const first = createMaskHotPath({ redis: null, database, instanceName: 'local', shortCodes });
      await first.start();
      expect(first.hotPath).toBeInstanceOf(MemoryMaskHotPath);
      const r = reservation(rd, rd.pharmacyIds[0]);
      await first.hotPath.book(r, Date.now());
      const restarted = createMaskHotPath({ redis: null, database, instanceName: 'local', shortCodes });
      await restarted.start();
      expect(await restarted.hotPath.remaining(rd.roundId, rd.pharmacyIds)).toEqual({ [rd.pharmacyIds[0]]: 2 });
      await expect(restarted.hotPath.book({ ...r, reservationId: randomUUID() }, Date.now())).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    } finally {
      await database.close();
    }
  });

  it.each([
    ['standalone Redis', standaloneStorage],
    ['Redis Cluster', clusterStorage],
  ])('%s: books into the outbox, the consumer on its own connection writes rows; rebuild drains first', async (_n, storage) => {
    const prefix = uniquePrefix('masks-runtime');
    const redis: RedisClient = await connectOrFail(storage(prefix));
    const admin: RedisClient = await connectOrFail(storage(''));
    const runtime = createMaskHotPath({ redis, database: scratch.handle, instanceName: 'pod-1', shortCodes });
    try {
      expect(runtime.hotPath).toBeInstanceOf(RedisMaskHotPath);
      const rd = await seedRound(scratch.db, { [randomUUID()]: 10 });
      await openInHotStore(runtime.hotPath, rd);
      // Not started: the entry waits in the outbox until rebuild() writes it out.
      const r = reservation(rd, rd.pharmacyIds[0]);
      await runtime.hotPath.book(r, Date.now());
      const summary = await runtime.rebuild();
      expect(summary.counters).toBeGreaterThanOrEqual(1);
      const rows = await scratch.db.selectFrom('mask_reservations').select('id').where('round_id', '=', rd.roundId).execute();
      expect(rows.map((x) => x.id)).toEqual([r.reservationId]);
      await runtime.start();
      const second = reservation(rd, rd.pharmacyIds[0]);
      await runtime.hotPath.book(second, Date.now());
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const n = await scratch.db.selectFrom('mask_reservations').select('id').where('round_id', '=', rd.roundId).execute();
        if (n.length === 2) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(await scratch.db.selectFrom('mask_reservations').select('id').where('round_id', '=', rd.roundId).execute()).toHaveLength(2);
    } finally {
      await runtime.stop();
      await deleteUnder(admin, prefix);
      await closeRedisClient(redis);
      await closeRedisClient(admin);
    }
  });
});
