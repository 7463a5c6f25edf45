import { burstAndKill, createWorld, destroyWorld, pharmacyOf, remaining, rows, startServer, unitsAccountedFor, type CrashWorld } from './crash-world';
import { BOOK_PATH, HttpClient, mapLimit, outboxBacklog, pollUntil, report, tally, type Outcome } from './surge-support';

/**
 * The real server process is SIGKILLed in the middle of a burst of bookings, then started again
 * with the same environment (INSTANCE_NAME included). Every booking answered 201 must reach MySQL
 * (its outbox entry was written in the same atomic step as the decrement; the restarted consumer
 * re-reads what the dead one had read but not acknowledged), nobody may hold two, and no unit may
 * be lost or counted twice: remaining + rows = quota. Retries with the same Idempotency-Key then
 * replay the bookings whose answers were lost.
 */
const PHARMACIES = ['kill-ph-1', 'kill-ph-2'];
const QUOTA_EACH = 500;
const QUOTA = QUOTA_EACH * PHARMACIES.length;
const KILL_AFTER = 300;
const IN_FLIGHT = 100;

let w: CrashWorld | undefined;

beforeAll(async () => {
  w = await createWorld({ label: 'kill', pharmacies: PHARMACIES, quotaEach: QUOTA_EACH, people: 2_000, instanceName: true });
}, 60_000);

afterAll(() => destroyWorld(w), 30_000);

it(`SIGKILL after ~${KILL_AFTER} bookings: every 201 reaches MySQL after the restart, nobody twice, remaining + rows = quota; same-key retries replay`, async () => {
  const world = w as CrashWorld;
  const first = await startServer(world);
  const killed = await burstAndKill(world, first, KILL_AFTER, IN_FLIGHT);
  expect(await first.exited).toBeNull(); // died of the signal
  const sent = killed.outcomes.filter((o): o is Outcome => o !== null);
  expect(sent.filter((o) => o.status !== 0 && o.status !== 201)).toEqual([]);
  expect(sent.filter((o) => o.status === 0).length).toBeGreaterThan(0); // requests really were in flight
  expect(killed.pendingAtKill).toBeGreaterThan(0); // a batch really was read and not acknowledged
  const answered = killed.answered;
  expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER);

  // Same environment: the consumer re-reads its own unacknowledged entries first, then the rest.
  const second = await startServer(world);
  const t1 = performance.now();
  await pollUntil(
    'every 201 in MySQL and the outbox empty',
    async () => {
      const ids = new Set((await rows(world)).map((r) => r.id));
      return { missing: [...answered.keys()].filter((id) => !ids.has(id)).length, backlog: await outboxBacklog(world.admin, world.prefix) };
    },
    (v) => v.missing === 0 && v.backlog === 0,
    20_000,
  );
  report(`kill: outbox drained ${(performance.now() - t1).toFixed(0)} ms after the restart`);
  let all = await rows(world);
  for (const r of all) if (answered.has(r.id)) expect(r.person_id).toBe(answered.get(r.id));
  expect(new Set(all.map((r) => r.person_id)).size).toBe(all.length);
  expect(all.filter((r) => r.status !== 'reserved')).toEqual([]);
  expect(await unitsAccountedFor(world)).toEqual(Object.fromEntries(PHARMACIES.map((ph) => [ph, QUOTA_EACH])));
  // Rows beyond the 201s: bookings made just before the kill whose answers were lost.
  report(`kill: ${answered.size} answered bookings, ${all.length} rows after the restart`);

  // Everybody without a 201 tries again with the same Idempotency-Key: a booking whose answer
  // was lost is replayed (201, same reservation), the others book until sold out.
  const client = new HttpClient(second.url, IN_FLIGHT);
  const retried = world.people.map((_, i) => i).filter((i) => killed.outcomes[i]?.status !== 201);
  // Those whose request failed in transport say they retry (X-Retry-Attempt: 2), as the mini-program
  // does after a lost answer; those never sent make their first attempt.
  const phase2 = await mapLimit(retried, IN_FLIGHT, (i) =>
    killed.outcomes[i] === null
      ? client.book(world.people[i].token, pharmacyOf(world, i), world.keys[i])
      : client.request('POST', BOOK_PATH, { token: world.people[i].token, body: { pharmacyId: pharmacyOf(world, i) }, headers: { 'Idempotency-Key': world.keys[i], 'X-Retry-Attempt': '2' } }),
  );
  client.close();
  report(`kill: retries after the restart: ${JSON.stringify(tally(phase2))}`);
  expect(Object.keys(tally(phase2)).sort()).toEqual(['201', '409 SOLD_OUT']);
  phase2.forEach((o, j) => {
    if (o.status !== 201) return;
    const r = o.body.reservation;
    expect(r.personId).toBe(world.people[retried[j]].personId);
    expect(answered.has(r.id)).toBe(false);
    answered.set(r.id, r.personId);
  });
  // A retry flagged as one skips the sold-out cache, so every lost answer must have been replayed.
  // The mini-program's fallback is checked all the same: after a lost answer, a SOLD_OUT sends it to
  // 我的预约, where such a booking would be (docs/masks-hot-path.md) — here it must find none.
  const listClient = new HttpClient(second.url, IN_FLIGHT);
  const soldOutRetries = retried.filter((_, j) => phase2[j].status === 409);
  const lists = await mapLimit(soldOutRetries, IN_FLIGHT, (i) => listClient.request('GET', '/api/v1/masks/reservations', { token: world.people[i].token }));
  listClient.close();
  let foundInList = 0;
  lists.forEach((o, k) => {
    expect(o.status).toBe(200);
    for (const item of (o.body as { items: { id: string; personId: string; status: string }[] }).items) {
      if (item.status !== 'reserved' || answered.has(item.id)) continue;
      expect(item.personId).toBe(world.people[soldOutRetries[k]].personId);
      answered.set(item.id, item.personId);
      foundInList += 1;
    }
  });
  expect(foundInList).toBe(0);
  expect(answered.size).toBe(QUOTA);

  await pollUntil(
    'all bookings in MySQL',
    async () => ({ rows: (await rows(world)).length, backlog: await outboxBacklog(world.admin, world.prefix) }),
    (v) => v.rows >= QUOTA && v.backlog === 0,
    20_000,
  );
  all = await rows(world);
  // Every unit booked is known to its person: the rows are exactly the 201 answers.
  expect(all.map((r) => r.id).sort()).toEqual([...answered.keys()].sort());
  for (const r of all) expect(r.person_id).toBe(answered.get(r.id));
  expect(await remaining(world)).toEqual(Object.fromEntries(PHARMACIES.map((ph) => [ph, 0])));

  second.signal('SIGTERM');
  expect(await second.exited).toBe(0);
  await second.gone();
}, 90_000);
