import { burstAndKill, createWorld, destroyWorld, rows, startServer, unitsAccountedFor, type CrashWorld, type KilledBurst } from './crash-world';
import { outboxBacklog, pollUntil, report, type ServerProcess } from './surge-support';

/**
 * The SIGKILL test with exactly the environment of the brief — NODE_ENV, PORT=0, MYSQL_URL,
 * REDIS_URL, REDIS_KEY_PREFIX, DEMO_SEED, LOG_LEVEL — and no INSTANCE_NAME. The app then names its
 * outbox consumer `bff-<host>-<port || pid>` (bff/src/wiring/platform.ts instanceName): with PORT=0 the name is the
 * pid, so the restarted process is a NEW consumer and does not re-read the dead one's
 * unacknowledged entries; they wait until they have been idle claimIdleMs (30 s) and are
 * XAUTOCLAIMed. Nothing is lost, but for ~30 s bookings that were answered 201 are not in MySQL
 * (not listed under "my reservations", not cancellable, not redeemable).
 *
 * Was a bug (a new consumer name waited claimIdleMs = 30 s); now dead consumers are taken over: expected within seconds, as with a stable INSTANCE_NAME (see
 * sigkill-recovery.test.ts). Fix described in the surge report; remove `.failing` once fixed.
 */
const PHARMACIES = ['kill2-ph-1', 'kill2-ph-2'];
const QUOTA_EACH = 300;

let w: CrashWorld | undefined;
let killed: KilledBurst;
let second: ServerProcess;
let restartedAt = 0;

const missing = async (world: CrashWorld) => {
  const ids = new Set((await rows(world)).map((r) => r.id));
  return [...killed.answered.keys()].filter((id) => !ids.has(id)).length;
};

beforeAll(async () => {
  w = await createWorld({ label: 'kill-noname', pharmacies: PHARMACIES, quotaEach: QUOTA_EACH, people: 800, instanceName: false });
  const first = await startServer(w);
  killed = await burstAndKill(w, first, 200, 100);
  if (killed.pendingAtKill === 0) throw new Error('precondition: the dead consumer held no unacknowledged entries');
  second = await startServer(w);
  restartedAt = Date.now();
}, 60_000);

afterAll(() => destroyWorld(w), 30_000);

it('restarted with the same env (PORT=0, no INSTANCE_NAME): the dead consumer\'s unacknowledged bookings reach MySQL within 10 s', async () => {
  const world = w as CrashWorld;
  await pollUntil(
    'every 201 in MySQL and the outbox empty',
    async () => ({ missing: await missing(world), backlog: await outboxBacklog(world.admin, world.prefix) }),
    (v) => v.missing === 0 && v.backlog === 0,
    10_000,
  );
}, 20_000);

it('…they do arrive once XAUTOCLAIM takes them over (claimIdleMs 30 s): nothing lost, nobody twice, remaining + rows = quota', async () => {
  const world = w as CrashWorld;
  await pollUntil(
    'every 201 in MySQL and the outbox empty',
    async () => ({ missing: await missing(world), backlog: await outboxBacklog(world.admin, world.prefix) }),
    (v) => v.missing === 0 && v.backlog === 0,
    45_000,
    500,
  );
  report(`kill-noname: every 201 in MySQL ${Date.now() - restartedAt} ms after the restart (${killed.pendingAtKill} entries were held by the dead consumer)`);
  const all = await rows(world);
  for (const r of all) if (killed.answered.has(r.id)) expect(r.person_id).toBe(killed.answered.get(r.id));
  expect(new Set(all.map((r) => r.person_id)).size).toBe(all.length);
  expect(await unitsAccountedFor(world)).toEqual(Object.fromEntries(PHARMACIES.map((ph) => [ph, QUOTA_EACH])));
  second.signal('SIGTERM');
  expect(await second.exited).toBe(0);
}, 50_000);
