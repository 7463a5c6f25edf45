import { onePersonTwoAccounts, sameKeyRetried, type ScenarioContext } from './scenarios';
import { setUpRound, useSurgeWorld } from './surge-support';

/** One person pressing many times (two accounts, retries) on standalone Redis, through HTTP. */
const PHARMACIES = ['one-ph-1', 'one-ph-2', 'one-ph-3', 'one-ph-4', 'one-ph-5'];

const w = useSurgeWorld({ kind: 'standalone', label: 'one' });
let ctx: ScenarioContext;

beforeAll(async () => {
  const roundId = await setUpRound(w.s, { pharmacies: PHARMACIES.map((id) => ({ id, quota: 200 })) });
  ctx = { label: 'standalone', s: w.s, admin: w.admin, prefix: w.prefix, roundId };
}, 60_000);

it('one person, a WeChat and an Alipay account, 500 concurrent bookings over 5 pharmacies (own keys): one 201, 499 × 409 ALREADY_RESERVED, one row', async () => {
  await onePersonTwoAccounts(ctx, PHARMACIES, 500);
}, 60_000);

it('the same Idempotency-Key, 20 at once then one after another: one reservation, identical answers (id and pickup code)', async () => {
  await sameKeyRetried(ctx, PHARMACIES[0]);
}, 60_000);
