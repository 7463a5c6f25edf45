import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../bff/src/infra/db/database';
import { closeRedisClient, type RedisClient, type RedisStorageConfig } from '../../../bff/src/infra/redis/create-redis-client';
import type { HotReservation, ReservationSink, SinkResult } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { pharmacyKeys, personKeys } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { SqlReservationSink } from '../../../bff/src/domains/masks/hot-path/sql-reservation-sink';
import { keysUnder } from '../../hot-store/redis-test-support';
import { bookAll, codesOf, openInHotStore, reservation, seedRound } from './hot-path-test-support';
import { redisTarget, type RedisTarget } from './redis-hot-path-target';

/** Writes half the batch like the real sink, then dies before the consumer can acknowledge (SIGKILL mid-batch). */
class DyingSink implements ReservationSink {
  written = 0;
  constructor(private readonly inner: ReservationSink) {}
  async write(batch: HotReservation[]): Promise<SinkResult> {
    const half = Math.ceil(batch.length / 2);
    await this.inner.write(batch.slice(0, half));
    this.written += half;
    throw new Error('killed mid-batch');
  }
}

/** The outbox consumer's crash, takeover and conflict behaviour, on standalone Redis and on the Cluster. */
export function describeOutboxConsumerSuite(
  label: string,
  storage: (keyPrefix: string) => RedisStorageConfig,
  admin: () => RedisClient,
  db: () => Kysely<Database>,
): void {
  describe(`outbox consumer on ${label}`, () => {
    let t: RedisTarget;

    beforeAll(async () => {
      t = await redisTarget(storage, admin, db(), 'masks-consumer');
      await t.consumer.stop(); // these tests drive consumers by hand
    });

    afterAll(async () => {
      await t?.cleanup();
    });

    const sink = () => new SqlReservationSink(db(), 'mysql');
    const rowsOf = (roundId: string) => db().selectFrom('mask_reservations').select(['id', 'person_id']).where('round_id', '=', roundId).execute();

    async function bookRound(perPharmacy: number) {
      const rd = await seedRound(db(), { [randomUUID()]: perPharmacy, [randomUUID()]: perPharmacy });
      await openInHotStore(t.hotPath, rd);
      const attempts = await bookAll(t.hotPath, Array.from({ length: 2 * perPharmacy }, (_, i) => reservation(rd, rd.pharmacyIds[i % 2])), 200);
      expect(codesOf(attempts)).toEqual({ BOOKED: 2 * perPharmacy });
      return rd;
    }

    it('a consumer killed mid-batch leaves its entries pending; restarted under its name it re-reads them, each lands once', async () => {
      const rd = await bookRound(300);
      const dying = new DyingSink(sink());
      const first = await t.newConsumer(dying, { consumer: 'pod-a' });
      await expect(first.consumer.drain()).rejects.toThrow('killed mid-batch');
      expect(dying.written).toBeGreaterThan(0);
      await first.consumer.stop();
      await closeRedisClient(first.client);
      const partial = (await rowsOf(rd.roundId)).length;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(600);

      const restarted = await t.newConsumer(sink(), { consumer: 'pod-a', claimIdleMs: 60_000 });
      expect(await restarted.consumer.drain()).toBe(600);
      const rows = await rowsOf(rd.roundId);
      expect(rows).toHaveLength(600);
      expect(new Set(rows.map((r) => r.person_id)).size).toBe(600);
      expect(await restarted.consumer.drain()).toBe(0);
    });

    it('entries of a consumer that never comes back are taken over by another once idle', async () => {
      const rd = await bookRound(100);
      const dead = await t.newConsumer(new DyingSink(sink()), { consumer: 'pod-dead' });
      await expect(dead.consumer.drain()).rejects.toThrow('killed mid-batch');
      await dead.consumer.stop();

      const other = await t.newConsumer(sink(), { consumer: 'pod-b', claimIdleMs: 60_000 });
      await other.consumer.drain(); // not idle long enough yet: left alone
      expect((await rowsOf(rd.roundId)).length).toBeLessThan(200);
      await other.consumer.drain({ claimIdleMs: 0 });
      expect(await rowsOf(rd.roundId)).toHaveLength(200);
    });

    it('runs as a background loop, stops cleanly, and leaves the outbox empty (acknowledged entries are deleted)', async () => {
      const looping = await t.newConsumer(sink(), { consumer: 'pod-loop' });
      await looping.consumer.start();
      const rd = await bookRound(200);
      const deadline = Date.now() + 10_000;
      while ((await rowsOf(rd.roundId)).length < 400 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await rowsOf(rd.roundId)).toHaveLength(400);
      await looping.consumer.stop();
      const lengths = await Promise.all(rd.pharmacyIds.map((p) => t.client.xlen(pharmacyKeys(rd.roundId, p).outbox)));
      expect(lengths).toEqual([0, 0]);
    });

    it('a second booking MySQL refuses (person already active there) is recorded cancelled, its unit returned, the hold repaired', async () => {
      const rd = await seedRound(db(), { [randomUUID()]: 5 });
      const [p] = rd.pharmacyIds;
      await openInHotStore(t.hotPath, rd);
      const first = reservation(rd, p);
      await t.hotPath.book(first, Date.now());
      const consumer = (await t.newConsumer(sink(), { consumer: 'pod-conflict' })).consumer;
      await consumer.drain();
      // The hold is lost (a failover lost the person's slot), so a second booking gets through Redis.
      await t.client.del(personKeys(first.personId).hold);
      const second = { ...reservation(rd, p), personId: first.personId, holderPersonId: first.personId };
      expect(await t.hotPath.book(second, Date.now())).toMatchObject({ remaining: 3 });
      await consumer.drain();
      const rows = await db().selectFrom('mask_reservations').selectAll().where('round_id', '=', rd.roundId).execute();
      expect(rows.map((r) => [r.id, r.status, r.active_person_id, Number(r.unit_returned)])).toEqual(
        expect.arrayContaining([
          [first.reservationId, 'reserved', first.personId, 0],
          [second.reservationId, 'cancelled', null, 1],
        ]),
      );
      expect(await t.hotPath.remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
      expect((await t.hotPath.personState(first.personId, Date.now())).activeReservationId).toBe(first.reservationId);
      await consumer.drain();
      expect(await t.hotPath.remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
    });

    it('recreates its consumer groups when the streams vanish (flush) and goes on', async () => {
      const looping = await t.newConsumer(sink(), { consumer: 'pod-flush' });
      await looping.consumer.start();
      await t.flush();
      const rd = await bookRound(20);
      const deadline = Date.now() + 10_000;
      while ((await rowsOf(rd.roundId)).length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await looping.consumer.stop();
      expect(await rowsOf(rd.roundId)).toHaveLength(40);
    });

    it('leaves no stray keys: everything written is under the prefix and in the documented groups', async () => {
      const keys = await keysUnder(admin(), t.keyPrefix);
      expect(keys.length).toBeGreaterThan(64);
      for (const k of keys) {
        expect(k.slice(t.keyPrefix.length)).toMatch(/^(mq:\{\d+\}:(outbox|remaining%3A.+|unit%3A.+|short-seq%3A.+)|mp:\{[^}]+\}:(hold|lease|repeat-until|no-idem|idem%3A.+))$/);
      }
    });
  });
}
