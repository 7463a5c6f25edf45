import { surge } from './scenarios';
import { createCitizens, report, setUpRound, useSurgeWorld, type Citizen } from './surge-support';

/**
 * Opening minute on standalone Redis, through HTTP against the real BFF (in-process, real
 * MariaDB, book-single.lua, the app's own outbox consumer): 20,000 distinct verified people press
 * 预约 at the same pharmacy, whose quota is 1,000.
 */
const PEOPLE = 20_000;
const QUOTA = 1_000;
const IN_FLIGHT = 200;
const PHARMACY = 'surge-ph-1';

const w = useSurgeWorld({ kind: 'standalone', label: '20k', maxSockets: IN_FLIGHT });
let roundId: string;
let citizens: Citizen[];

beforeAll(async () => {
  roundId = await setUpRound(w.s, { pharmacies: [{ id: PHARMACY, quota: QUOTA }] });
  const t0 = Date.now();
  citizens = await createCitizens(w.s.app, PEOPLE);
  report(`standalone: ${PEOPLE} verified people + sessions created in ${Date.now() - t0} ms`);
}, 60_000);

it(`${PEOPLE} people book concurrently against quota ${QUOTA}: exactly ${QUOTA} × 201, the rest 409 SOLD_OUT, and MySQL gets exactly those ${QUOTA}`, async () => {
  await surge({ label: 'standalone', s: w.s, admin: w.admin, prefix: w.prefix, roundId }, citizens, [{ id: PHARMACY, quota: QUOTA }], IN_FLIGHT);
}, 60_000);
