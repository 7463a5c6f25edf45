import { LETTER, OPTS } from './masks-options';
import type { SeededWorld } from './seed';

/** What each path of the mask-booking benchmark measures, and how to read the numbers. */
export function printHeader(world: SeededWorld, log: (msg: string) => void): void {
  log('');
  log('govpass mask-booking benchmark');
  log('  A bare      bare Koa + @koa/bodyparser answering a small JSON POST (own process): the floor');
  log('  B booking   POST /api/v1/masks/reservations on the real BFF (bff/src/server.ts, Redis + MySQL): validation,');
  log('              round/sold-out checks, then ONE Redis Lua call: session check, per-IP + per-account rate limits,');
  log('              booking + outbox; presenter (masked name from the session) + signed pickup code; the outbox');
  log('              consumer writes to MySQL in the same process. Sessions as login issues them to verified citizens');
  log('  C sold-out  the same endpoint against a pharmacy with quota 0 (answered in the fast lane)');
  log('  D mysql     the same booking on MySQL alone (own process): session (Redis GET), validation, ONE transaction');
  log('              (UPDATE … remaining = remaining - 1 WHERE … AND remaining > 0, INSERT, COMMIT), pickup code');
  log(`  load: wrk -t${OPTS.threads} -c${OPTS.connections}, every request its own person (session token) and Idempotency-Key;`);
  log(`        ${OPTS.warmupSec} s warm-up per path, then ${OPTS.rounds} rounds of ${OPTS.paths.map((p) => LETTER[p]).join(' ')} slices of ${OPTS.sliceSec} s`);
  log('  201/s, req/s  responses per second of the slice (booking, mysql: bookings made = 201s per second)');
  log('  p50, p99      latency as wrk saw it');
  log('  node µs       user+sys CPU of THAT path\'s server process (/proc/<pid>/stat) per request (booking, mysql: per 201);');
  log('                booking includes the outbox consumer until the outbox is empty again');
  log('  redis/mysqld  CPU of redis-server / mariadbd over the same window, per request');
  log('  Absolute req/s on this shared 2-core machine swing 2x between runs: read the RATIOS (same run, alternating slices).');
  log(`  world: ${OPTS.persons} verified persons with sessions, ${world.pharmacyIds.length} pharmacies (one per hot-path shard) + 1 sold out${OPTS.hot > 0 ? `; bookings go to the first ${OPTS.hot} only` : ''}`);
  log('');
}
