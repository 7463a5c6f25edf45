import { randomBytes } from 'node:crypto';
import { BOOK_PATH, sleep, type Citizen, type Failure, type Outcome, type Reply, type SurgeApp } from '../masks/surge/surge-support';

/**
 * Citizens arriving at a steady rate and booking like the mini-program does: one Idempotency-Key
 * per citizen, kept across retries, `X-Retry-Attempt: n` from the second attempt on; a 503 or a
 * lost answer is retried after a short pause, until a final answer (201 or 409 SOLD_OUT) or the
 * deadline. Every answer is recorded, so a test can count 500s and check each 503.
 */
export interface BurstAnswer {
  citizen: number;
  attempt: number;
  /** 0: no HTTP answer (connection reset, client timeout). */
  status: number;
  code: string;
  retryAfter: string | undefined;
  /** ms since the burst started. */
  at: number;
  /** The error message of a 500 / the transport error (never shown to a citizen; for the report). */
  detail?: string;
}

export interface BurstFinal {
  status: number;
  code: string;
  reservationId?: string;
  pharmacyId: string;
  attempts: number;
}

export interface BurstOptions {
  ratePerSecond: number;
  /** Retrying stops this long after the burst started (a citizen still without 201/SOLD_OUT keeps its last answer). */
  deadlineMs: number;
  retryDelayMs?: number;
  /** Called when the burst is this many ms old (kill a master, flush scripts …). */
  at?: { ms: number; run: () => Promise<void> }[];
}

export interface BurstResult {
  answers: BurstAnswer[];
  finals: BurstFinal[];
  /** ms from start to the last final answer. */
  lastFinalMs: number;
  /** What the `at` actions returned / threw, for the report. */
  actions: string[];
}

function codeOf(o: Outcome): string {
  if (o.status === 0) return 'transport';
  const e = o.body?.error;
  if (e?.details?.inProgress) return 'IN_PROGRESS';
  return e?.code ?? '';
}

const isFinal = (o: Outcome) => o.status === 201 || (o.status === 409 && o.body?.error?.code === 'SOLD_OUT');

export async function bookingBurst(s: SurgeApp, citizens: Citizen[], pharmacyOf: (i: number) => string, opts: BurstOptions): Promise<BurstResult> {
  const t0 = Date.now();
  const answers: BurstAnswer[] = [];
  const actions: string[] = [];
  let lastFinalMs = 0;
  const timers = (opts.at ?? []).map(({ ms, run }) =>
    sleep(ms).then(run).then(
      () => void actions.push(`${ms} ms: done at ${Date.now() - t0} ms`),
      (err: Error) => void actions.push(`${ms} ms: failed: ${err.message}`),
    ),
  );
  const one = async (c: Citizen, i: number): Promise<BurstFinal> => {
    await sleep((i * 1000) / opts.ratePerSecond);
    const key = `fo-${randomBytes(9).toString('base64url')}`;
    const pharmacyId = pharmacyOf(i);
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { 'Idempotency-Key': key };
      if (attempt > 1) headers['X-Retry-Attempt'] = String(attempt);
      const o = await s.http.request('POST', BOOK_PATH, { token: c.token, body: { pharmacyId }, headers, timeoutMs: 15_000 });
      const at = Date.now() - t0;
      const code = codeOf(o);
      const retryAfter = o.status === 0 ? undefined : ((o as Reply).headers?.['retry-after']);
      const detail = o.status === 0 ? (o as Failure).error : o.status >= 500 ? o.body?.error?.message : undefined;
      answers.push({ citizen: i, attempt, status: o.status, code, retryAfter, at, detail });
      if (isFinal(o) || at > opts.deadlineMs) {
        lastFinalMs = Math.max(lastFinalMs, at);
        return { status: o.status, code, reservationId: o.status === 201 ? o.body.reservation.id : undefined, pharmacyId, attempts: attempt };
      }
      await sleep(code === 'IN_PROGRESS' ? 1000 : (opts.retryDelayMs ?? 300));
    }
  };
  const finals = await Promise.all(citizens.map(one));
  await Promise.all(timers);
  return { answers, finals, lastFinalMs, actions };
}

/** "status code" → count, for messages and the report. */
export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

/** The app's error-level log lines (pino JSON) grouped by the start of their error message: what the 500s were. */
export function errorCauses(logs: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of logs.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { level?: number; err?: { message?: string } | string; msg?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if ((entry.level ?? 0) < 50) continue;
    const err = typeof entry.err === 'string' ? entry.err : entry.err?.message;
    const key = (err ?? entry.msg ?? '?').slice(0, 48);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
