/**
 * What a lane route costs WITHOUT HTTP: the app's own request handler (fast lane + route) called
 * with in-memory requests, 32 in flight, on real Redis and MariaDB. Node's HTTP parsing and socket
 * writes are left out, so what remains is the app's work per request (the lane floor of
 * bench:health, path G, shows the lane's pipeline itself costs what bare Koa does).
 *
 *   npx tsx bench/lane-route-probe.ts [--route=code|verify] [--persons=5000] [--requests=200000] [--cpu-prof-dir=DIR]
 *
 * REDIS_TRACKED_READS=false in the environment runs the app with tracked reads off (an A/B of them).
 *
 * Last line: {"route", "requests", "cpuUsPerRequest", "wallUsPerRequest", "statuses"}.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mapBounded } from '../bff/src/domains/masks/hot-path/hot-path-settings';
import { loadConfig } from '@govpass/config';
import { buildApp } from '../bff/src/app';
import { prepareBench } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { intOption } from './lib/options';
import { seedWorld } from './lib/seed';

const route = (process.argv.find((a) => a.startsWith('--route='))?.slice(8) ?? 'code') as 'code' | 'verify';
const PERSONS = intOption('persons', 5_000, 100, 100_000);
const REQUESTS = intOption('requests', 200_000, 1_000, 5_000_000);
const profDir = process.argv.find((a) => a.startsWith('--cpu-prof-dir='))?.slice(15);
const log = (m: string) => process.stdout.write(`${m}\n`);

/** An in-memory request/answer pair shaped as much like node:http's as the lane reads and writes. */
function exchange(method: string, url: string, headers: Record<string, string>, body: string | null, done: (status: number) => void): [IncomingMessage, ServerResponse] {
  const req = Object.assign(new EventEmitter(), { method, url, headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage & EventEmitter;
  if (body !== null) {
    // The lane reads the body from the stream's events.
    queueMicrotask(() => {
      req.emit('data', Buffer.from(body));
      req.emit('end');
    });
  }
  let status = 0;
  const res = {
    headersSent: false,
    writeHead(s: number) {
      status = s;
      res.headersSent = true;
      return res;
    },
    setHeader() {},
    end() {
      done(status);
    },
  };
  return [req, res as unknown as ServerResponse];
}

function verifyExchange(code: string, token: string, done: (status: number) => void): [IncomingMessage, ServerResponse] {
  const body = JSON.stringify({ code });
  return exchange('POST', '/api/v1/codes/verify', { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body, done);
}

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  cleanups.onSignals();
  const ws = await prepareBench('probe', cleanups, log);
  // As the served BFF runs: its workers and stream consumers on, so their idle share is in the figure.
  const app = await buildApp(loadConfig({ env: { ...ws.appEnv, ...(process.env.REDIS_TRACKED_READS ? { REDIS_TRACKED_READS: process.env.REDIS_TRACKED_READS } : {}), MASK_WORKERS: process.argv.includes('--no-workers') ? 'false' : 'true' } }));
  try {
    const world = await seedWorld(app, { persons: PERSONS, sessionConcurrency: 128, insertChunk: 2000, deadline: Date.now() + 240_000, log: (m) => log(`  ${m}`) });
    const verifier = world.accountIds.at(-1) as string;
    await app.services.roles.grant('bench', { accountId: verifier, role: 'verifier', scopeId: null }, null);
    let codes: string[] = [];
    // Codes live 60 s: issued before the warm-up and again before the measured run.
    const issueCodes = async () => {
      const fresh: string[] = [];
      await mapBounded(world.personIds, 64, async (personId) => {
        const status = await app.services.health.statusOf(personId);
        fresh.push((await app.services.personalCode.issueLive(personId, status.colour)).code);
      });
      codes = fresh;
    };
    await issueCodes();
    const statuses = new Map<number, number>();
    const one = (i: number) =>
      new Promise<void>((resolve) => {
        const done = (s: number) => {
          statuses.set(s, (statuses.get(s) ?? 0) + 1);
          resolve();
        };
        const [req, res] =
          route === 'code'
            ? exchange('GET', '/api/v1/health/code', { authorization: `Bearer ${world.tokens[i % (PERSONS - 1)]}` }, null, done)
            : verifyExchange(codes[i % codes.length], world.tokens[PERSONS - 1], done);
        app.handler(req, res);
      });
    // Warm-up: every person once (tracked copies, refs), then the measured run.
    const run = async (n: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (next < n) await one(next++);
      }));
    };
    await run(PERSONS * 2);
    if (route === 'verify') await issueCodes();
    statuses.clear();
    const session = profDir ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await run(REQUESTS);
    const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (session && profDir) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(profDir, { recursive: true });
      writeFileSync(join(profDir, `probe-${route}.cpuprofile`), JSON.stringify(profile));
    }
    const idle0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = process.cpuUsage(idle0);
    const idleCpuMsPerSecond = +((idle.user + idle.system) / 5_000).toFixed(1);
    log(JSON.stringify({ route, idleCpuMsPerSecond, requests: REQUESTS, cpuUsPerRequest: +((cpu.user + cpu.system) / REQUESTS).toFixed(1), wallUsPerRequest: +(wallUs / REQUESTS).toFixed(1), statuses: Object.fromEntries(statuses) }));
  } finally {
    await app.close();
    await cleanups.run();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
