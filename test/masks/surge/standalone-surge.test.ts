import type { RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { surge } from './scenarios';
import { adminRedis, closeAdmin, createCitizens, deleteKeysUnder, report, setUpRound, startSurgeApp, uniqueSurgePrefix, type Citizen, type SurgeApp } from './surge-support';

/**
 * Opening minute on standalone Redis, through HTTP against the real BFF (in-process, real
 * MariaDB, book-single.lua, the app's own outbox consumer): 20,000 distinct verified people press
 * 预约 at the same pharmacy, whose quota is 1,000.
 */
const PEOPLE = 20_000;
const QUOTA = 1_000;
const IN_FLIGHT = 200;
const PHARMACY = 'surge-ph-1';

const prefix = uniqueSurgePrefix('20k');
let admin: RedisClient | undefined;
let s: SurgeApp | undefined;
let roundId: string;
let citizens: Citizen[];

beforeAll(async () => {
  admin = await adminRedis('standalone');
  s = await startSurgeApp({ kind: 'standalone', prefix, maxSockets: IN_FLIGHT });
  roundId = await setUpRound(s, { pharmacies: [{ id: PHARMACY, quota: QUOTA }] });
  const t0 = Date.now();
  citizens = await createCitizens(s.app, PEOPLE);
  report(`standalone: ${PEOPLE} verified people + sessions created in ${Date.now() - t0} ms`);
}, 60_000);

afterAll(async () => {
  await s?.close();
  if (admin) await deleteKeysUnder(admin, prefix);
  await closeAdmin(admin);
}, 30_000);

it(`${PEOPLE} people book concurrently against quota ${QUOTA}: exactly ${QUOTA} × 201, the rest 409 SOLD_OUT, and MySQL gets exactly those ${QUOTA}`, async () => {
  await surge({ label: 'standalone', s: s as SurgeApp, admin: admin as RedisClient, prefix, roundId }, citizens, [{ id: PHARMACY, quota: QUOTA }], IN_FLIGHT);
}, 60_000);
