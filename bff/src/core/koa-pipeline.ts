import type { Context, Middleware } from 'koa';
import { AppError } from './app-error';
import { enterAll, failWith, leaveAll, runSteps, type Exchange, type PipelineStep, type RouteDefinition, type RouteStep } from './pipeline';
import { routeOf } from './route-of';

const EXCHANGE = Symbol('exchange');
type WithExchange = Context & { [EXCHANGE]?: KoaExchange };

/** The Exchange over a Koa context: every read and write goes to `ctx`, so Koa answers as always. */
class KoaExchange implements Exchange {
  readonly fast = false;
  readonly start = process.hrtime.bigint();
  quiet = false;
  private done = false;

  constructor(private readonly ctx: Context) {}

  get method(): string {
    return this.ctx.method;
  }
  get path(): string {
    return this.ctx.path;
  }
  get route(): string {
    return routeOf(this.ctx);
  }
  get ip(): string {
    return this.ctx.ip;
  }
  get body(): unknown {
    return this.ctx.request.body;
  }
  get query(): Exchange['query'] {
    return this.ctx.query;
  }
  get params(): Exchange['params'] {
    return (this.ctx as Context & { params?: Record<string, string> }).params ?? {};
  }
  header(name: string): string {
    return this.ctx.get(name);
  }
  get requestId(): string {
    return this.ctx.state.requestId === undefined ? '' : String(this.ctx.state.requestId);
  }
  set requestId(id: string) {
    this.ctx.state.requestId = id;
  }
  get state(): Record<string, unknown> {
    return this.ctx.state;
  }
  get status(): number {
    return this.ctx.status;
  }
  get answered(): boolean {
    return this.done;
  }
  answer(status: number, body: unknown): void {
    this.ctx.status = status;
    this.ctx.body = body;
    this.done = true;
  }
  setHeader(name: string, value: string): void {
    this.ctx.set(name, value);
  }
  vary(field: string): void {
    this.ctx.vary(field);
  }
}

/** The request's Exchange: the one the pipeline made, or a new view (Koa apps without the pipeline, tests). */
export function exchangeOf(ctx: Context): Exchange {
  const c = ctx as WithExchange;
  return (c[EXCHANGE] ??= new KoaExchange(ctx));
}

/**
 * The app's pipeline as Koa middleware: the first runs every step's enter, then (inside its error
 * handling) the steps' Koa-only parts, the routers and static files; then shapes any error and runs
 * the leaves. A request no router answered is 404 NOT_FOUND, as the error middleware had it.
 */
export function koaPipeline(steps: readonly PipelineStep[]): Middleware[] {
  const first: Middleware = (ctx, next) => {
    const x = exchangeOf(ctx);
    const settle = () => {
      if (ctx.status === 404 && ctx.body === undefined) failWith(steps, x, new AppError(404, 'NOT_FOUND', 'Not found'));
      leaveAll(steps, x);
    };
    const fail = (err: unknown) => {
      failWith(steps, x, err);
      leaveAll(steps, x);
    };
    try {
      enterAll(steps, x);
    } catch (err) {
      fail(err);
      return Promise.resolve();
    }
    return next().then(settle, fail);
  };
  return [first, ...steps.flatMap((s) => (s.koa ? [s.koa] : []))];
}

/** A declared route for Koa's router: its steps on the request's Exchange. */
export function koaRoute(def: RouteDefinition): Middleware {
  return (ctx) => runSteps(def.steps, exchangeOf(ctx));
}

/** A route step that Koa routes use as middleware too (authentication, roles, rate limits). */
export type KoaStep = Middleware & { readonly step: RouteStep };

export function koaStep(step: RouteStep): KoaStep {
  const middleware: Middleware = (ctx, next) => {
    const pending = step(exchangeOf(ctx));
    return pending === undefined ? next() : pending.then(() => next());
  };
  return Object.assign(middleware, { step });
}
