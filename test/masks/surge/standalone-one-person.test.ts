import type { RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { onePersonTwoAccounts, sameKeyRetried, type ScenarioContext } from './scenarios';
import { adminRedis, closeAdmin, deleteKeysUnder, setUpRound, startSurgeApp, uniqueSurgePrefix, type SurgeApp } from './surge-support';

/** One person pressing many times (two accounts, retries) on standalone Redis, through HTTP. */
const PHARMACIES = ['one-ph-1', 'one-ph-2', 'one-ph-3', 'one-ph-4', 'one-ph-5'];

const prefix = uniqueSurgePrefix('one');
let admin: RedisClient | undefined;
let s: SurgeApp | undefined;
let ctx: ScenarioContext;

beforeAll(async () => {
  admin = await adminRedis('standalone');
  s = await startSurgeApp({ kind: 'standalone', prefix });
  const roundId = await setUpRound(s, { pharmacies: PHARMACIES.map((id) => ({ id, quota: 200 })) });
  ctx = { label: 'standalone', s, admin, prefix, roundId };
}, 60_000);

afterAll(async () => {
  await s?.close();
  if (admin) await deleteKeysUnder(admin, prefix);
  await closeAdmin(admin);
}, 30_000);

it('one person, a WeChat and an Alipay account, 500 concurrent bookings over 5 pharmacies (own keys): one 201, 499 × 409 ALREADY_RESERVED, one row', async () => {
  await onePersonTwoAccounts(ctx, PHARMACIES, 500);
}, 60_000);

it('the same Idempotency-Key, 20 at once then one after another: one reservation, identical answers (id and pickup code)', async () => {
  await sameKeyRetried(ctx, PHARMACIES[0]);
}, 60_000);
