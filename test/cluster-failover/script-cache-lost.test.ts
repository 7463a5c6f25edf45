import { bookingBurst, countBy, errorCauses } from '../support/booking-burst';
import { clusterScript, failoverStorage } from '../support/failover-cluster';
import { createCitizens, masterOfKey, report, setUpRound, startSurgeApp, uniqueSurgePrefix, type SurgeApp } from '../masks/surge/surge-support';
import { failoverSuite } from './failover-suite';
import { pharmacyShard, shardKeys } from '../../bff/src/domains/masks/hot-path/mask-keys';

/**
 * Issue 16: after a restart a node's script cache is empty. ioredis sends EVALSHA and falls back to
 * EVAL on NOSCRIPT only for a command sent on its own; a command of an auto-pipelined batch that
 * was re-sent (after a whole batch failed with one error) has lost that fallback, and its NOSCRIPT
 * reached clients as a 500. Here every master's cache is flushed twice during a booking burst and
 * one master is really restarted (SIGKILL + start on its AOF, faster than the failover timeout):
 * no NOSCRIPT may reach a client, nothing answers 500.
 */
const PEOPLE = 600;
const RATE = 150;

const prefix = uniqueSurgePrefix('noscript');
let s: SurgeApp;
const admin = failoverSuite(prefix, () => s);

async function flushScriptsOnEveryMaster(): Promise<void> {
  await Promise.all(admin().nodes('master').map((node) => node.script('FLUSH')));
}


it(`scripts flushed on every master and a master restarted during a burst (${PEOPLE} citizens): no NOSCRIPT reaches a client, no 500`, async () => {
  const ids = Array.from({ length: 6 }, (_, i) => `ns-ph-${i}`);
  const restarted = Number((await masterOfKey(admin(), prefix + shardKeys(pharmacyShard(ids[0])).outbox)).split(':')[1]);
  s = await startSurgeApp({ kind: 'cluster', prefix, overrides: failoverStorage(prefix), maxSockets: 200 });
  await setUpRound(s, { pharmacies: ids.map((id) => ({ id, quota: 80 })) });
  const citizens = await createCitizens(s.app, PEOPLE);

  const burst = await bookingBurst(s, citizens, (i) => ids[i % ids.length], {
    ratePerSecond: RATE,
    deadlineMs: 20_000,
    at: [
      { ms: 600, run: flushScriptsOnEveryMaster },
      {
        ms: 1500,
        run: async () => {
          await clusterScript('kill', restarted);
          await clusterScript('revive', restarted);
        },
      },
      { ms: 2500, run: flushScriptsOnEveryMaster },
    ],
  });
  const answered = countBy(burst.answers, (a) => `${a.status} ${a.code}`.trim());
  const logged = errorCauses(s.logs());
  report(`noscript: restarted ${restarted}; actions ${burst.actions.join('; ')}; every answer ${JSON.stringify(answered)}; errors logged ${JSON.stringify(logged)}`);

  for (const line of s.logs().split('\n').filter((l) => /NOSCRIPT/.test(l)).slice(0, 3)) report(`noscript log: ${line.slice(0, 1500)}`);
  expect(Object.keys(logged).filter((m) => /NOSCRIPT/.test(m))).toEqual([]);
  expect(burst.answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  expect(burst.answers.filter((a) => a.status === 503 && !a.retryAfter)).toEqual([]);
  const unfinished = burst.finals.filter((f) => !(f.status === 201 || f.code === 'SOLD_OUT' || f.code === 'IN_PROGRESS'));
  expect(unfinished).toEqual([]);
}, 90_000);
