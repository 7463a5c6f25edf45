import type { RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { closeRedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { hashTagOf } from '../../../bff/src/infra/hot-store/keys';
import { pharmacyKeys, personKeys } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { connectOrFail, standaloneStorage } from '../../hot-store/redis-test-support';
import { describeMaskHotPathContract } from './mask-hot-path-contract';
import { describeOutboxConsumerSuite } from './outbox-consumer-suite';
import { openScratchMaskDb, type ScratchMaskDb } from './hot-path-test-support';
import { redisTarget, type RedisTarget } from './redis-hot-path-target';

let scratch: ScratchMaskDb;
let admin: RedisClient;

beforeAll(async () => {
  scratch = await openScratchMaskDb();
  admin = await connectOrFail(standaloneStorage(''));
});

afterAll(async () => {
  if (admin) await closeRedisClient(admin);
  await scratch?.close();
});

describeMaskHotPathContract('RedisMaskHotPath on standalone Redis (book-single.lua)', () => scratch.db, (db) =>
  redisTarget(standaloneStorage, () => admin, db, 'masks-single'),
);

describeMaskHotPathContract('RedisMaskHotPath saga on standalone Redis', () => scratch.db, (db) =>
  redisTarget(standaloneStorage, () => admin, db, 'masks-saga', 'saga'),
);

describeOutboxConsumerSuite('standalone Redis', standaloneStorage, () => admin, () => scratch.db);

describe('standalone specifics', () => {
  let t: RedisTarget;

  beforeAll(async () => {
    t = await redisTarget(standaloneStorage, () => admin, scratch.db, 'masks-standalone');
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('book-single.lua spans two hash tags by design, so it is refused for a Cluster and only the single strategy uses it', () => {
    const person = personKeys('x');
    const pharmacy = pharmacyKeys('r', 'p');
    expect(hashTagOf(person.hold)).not.toBe(hashTagOf(pharmacy.remaining));
    expect(t.hotPath.strategy).toBe('single');
  });
});
