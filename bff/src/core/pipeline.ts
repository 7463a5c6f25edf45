import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';

/**
 * One request as every step of the pipeline sees it, whichever runner runs it: Koa (a view of
 * `ctx`, core/koa-exchange) or the fast lane (core/fast-lane, a plain object in front of Koa).
 * Steps read the request and write the answer only through this, so the same step gives the same
 * answer on both.
 */
export interface Exchange {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** The route pattern (`/api/v1/x/:id`) for labels and logs; never the raw URL. */
  readonly route: string;
  /** The client address as Koa's ctx.ip gives it (X-Forwarded-For only behind a trusted proxy). */
  readonly ip: string;
  /** The parsed JSON body (undefined without one). */
  readonly body: unknown;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  /** The route's path parameters (`:id`), decoded, as Koa's router gives them. */
  readonly params: Readonly<Record<string, string>>;
  /** True when the fast lane runs this request (for the access log line and tests). */
  readonly fast: boolean;
  /** process.hrtime.bigint() when the pipeline took the request. */
  readonly start: bigint;
  /** A request header by lower-case name; '' when absent (as Koa's ctx.get). */
  header(name: string): string;
  requestId: string;
  /** What steps hand to later steps (`auth`, `roles`, the validated request); Koa's ctx.state. */
  readonly state: Record<string, unknown>;
  /** Answered from in-process state: counted in the metrics, not access-logged. */
  quiet: boolean;
  readonly status: number;
  /** True once a step answered; the route's remaining steps are skipped. */
  readonly answered: boolean;
  answer(status: number, body: unknown): void;
  setHeader(name: string, value: string): void;
  /** Adds a field to `Vary`. */
  vary(field: string): void;
}

/**
 * A step of a route (authentication, a rate limit, validation, the handler). It throws (or
 * rejects) to refuse, answers with `x.answer`, or returns nothing to let the next step run.
 * It returns a promise only when it has to wait: the runners await nothing else.
 */
export type RouteStep = (x: Exchange) => void | Promise<void>;

/** A route declared once: Koa's router and the fast lane both run these steps, in this order. */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * The router's path pattern; the fast lane takes a request only when its URL is exactly this, or,
   * for a pattern with `:name` segments, matches it segment by segment (no query string either way).
   */
  path: string;
  steps: readonly RouteStep[];
}

/**
 * A step every request passes (request id, security headers, CORS, body, metrics, access log,
 * error shape). The app declares them once (core/request-pipeline); Koa runs them through
 * `koaPipeline`, the fast lane runs them itself, so a step added there reaches every route.
 */
export interface PipelineStep {
  name: string;
  /**
   * Whether the fast lane may run this request (else it goes to Koa untouched): a step whose
   * work needs Koa for some requests (CORS with an Origin, a compressed body) says which here.
   */
  admits?(req: IncomingMessage): boolean;
  /** Before the route's steps, in declaration order. */
  enter?(x: Exchange): void;
  /** Shapes a thrown error into the answer; the first step that has it answers every error. */
  fail?(x: Exchange, err: unknown): void;
  /** After the answer is settled, in reverse order (metrics, access log). */
  leave?(x: Exchange): void;
  /** Koa only, inside the error handling, for what the lane never admits (CORS with an Origin, other bodies). */
  koa?: Middleware;
}

/**
 * Runs a route's steps from `from` until one answers, awaiting only a step that returned a
 * promise (most steps on the hot routes return none: no promise, no microtask per step).
 */
export function runSteps(steps: readonly RouteStep[], x: Exchange, from = 0): void | Promise<void> {
  for (let i = from; i < steps.length && !x.answered; i++) {
    const pending = steps[i](x);
    if (pending !== undefined) return pending.then(() => runSteps(steps, x, i + 1));
  }
}

/** Calls `fn(x)` for the pipeline's steps that have it, in order (enter) or reversed (leave). */
export function enterAll(steps: readonly PipelineStep[], x: Exchange): void {
  for (const step of steps) step.enter?.(x);
}

export function leaveAll(steps: readonly PipelineStep[], x: Exchange): void {
  for (let i = steps.length - 1; i >= 0; i--) steps[i].leave?.(x);
}

/** The answer to an error, by the first step that shapes errors; rethrows when none does. */
export function failWith(steps: readonly PipelineStep[], x: Exchange, err: unknown): void {
  const shaper = steps.find((s) => s.fail !== undefined);
  if (!shaper?.fail) throw err;
  shaper.fail(x, err);
}
