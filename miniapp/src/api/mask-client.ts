import type { z } from 'zod';
import type { ApiClient } from './client';
import { fillPath } from './fill-path';
import { headerName, queryString } from './request-parts';
import { maskRoutes, type MaskResponseBody, type MaskRouteName, type MaskRoutes } from './mask-contract';

/*
 * The typed client for `maskRoutes`, on top of the core client's `send` (same token, 401 re-login,
 * error contract and response check). It lives apart from client.ts so that only the subpackage that
 * calls it (packageMasks) carries the mask schemas: the main package does not.
 */

type Route<N extends MaskRouteName> = MaskRoutes[N];
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the identity of `&`: a route without a body/query/params/headers adds no member
type Nothing = {};

type BodyPart<R> = R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : Nothing;
type QueryPart<R> = R extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> } : Nothing;
type ParamsPart<R> = R extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : Nothing;
type HeadersPart<R> = R extends { headers: infer H extends Record<string, z.ZodType> }
  ? { headers: z.input<z.ZodObject<H>> }
  : Nothing;

/**
 * What a mask route takes, all derived from its contract: `body` (z.input of its body schema),
 * `query`, path `params` (for `:id` in the path) and `headers` (the contract's lower-case names,
 * e.g. `{ 'idempotency-key': … }` for bookMasks).
 */
export type MaskCallRequest<N extends MaskRouteName> = BodyPart<Route<N>> &
  QueryPart<Route<N>> &
  ParamsPart<Route<N>> &
  HeadersPart<Route<N>>;

/** The request may be left out when nothing in it is required (current round, my reservations…). */
export type MaskCallArgs<N extends MaskRouteName> = Nothing extends MaskCallRequest<N>
  ? [request?: MaskCallRequest<N>]
  : [request: MaskCallRequest<N>];

export interface MaskApiClient {
  callMask<N extends MaskRouteName>(name: N, ...args: MaskCallArgs<N>): Promise<MaskResponseBody<N>>;
}

interface LooseRequest {
  body?: unknown;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

// Kept as exports of this module for existing callers; they live in fill-path.ts / request-parts.ts.
export { fillPath, headerName, queryString };

export function createMaskClient(core: ApiClient): MaskApiClient {
  async function send(name: MaskRouteName, req: LooseRequest): Promise<unknown> {
    const contract = maskRoutes[name];
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers ?? {})) {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- header values are strings by their zod contracts
      if (value !== undefined && value !== null) headers[headerName(key)] = String(value);
    }
    const path = fillPath(contract.path, req.params) + queryString(req.query);
    return core.send({ name, contract, path, body: req.body, headers });
  }

  return {
    callMask: (name, ...args) => send(name, args[0] ?? {}) as Promise<MaskResponseBody<typeof name>>,
  };
}
