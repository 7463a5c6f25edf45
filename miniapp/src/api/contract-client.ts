import type { z } from 'zod';
import type { OperationContract } from '@govpass/shared-types/src/routes';
import type { ApiClient } from './client';
import { fillPath } from './fill-path';
import { headerName, queryString } from './request-parts';

/*
 * A typed client for any route table (healthRoutes, codeRoutes, …) on top of the core client's
 * `send` (same token, 401 re-login, error contract and response check). Each subpackage builds its
 * own from the tables it needs, so a table's schemas land only where they are used.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the identity of `&`: a route without a body/query/params/headers adds no member
type Nothing = {};
type BodyPart<R> = R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : Nothing;
type QueryPart<R> = R extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> } : Nothing;
type ParamsPart<R> = R extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : Nothing;
type HeadersPart<R> = R extends { headers: infer H extends Record<string, z.ZodType> } ? { headers: z.input<z.ZodObject<H>> } : Nothing;

export type RouteTable = Record<string, OperationContract>;

/** What a route takes, derived from its contract: `body`, `query`, path `params`, `headers`. */
export type RouteRequest<T extends RouteTable, N extends keyof T> = BodyPart<T[N]> & QueryPart<T[N]> & ParamsPart<T[N]> & HeadersPart<T[N]>;

/** The request may be left out when nothing in it is required. */
export type RouteArgs<T extends RouteTable, N extends keyof T> = Nothing extends RouteRequest<T, N>
  ? [request?: RouteRequest<T, N>]
  : [request: RouteRequest<T, N>];

export type RouteResponse<T extends RouteTable, N extends keyof T> = z.infer<T[N]['response']>;

export interface ContractClient<T extends RouteTable> {
  call<N extends keyof T & string>(name: N, ...args: RouteArgs<T, N>): Promise<RouteResponse<T, N>>;
}

interface LooseRequest {
  body?: unknown;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

export function createContractClient<T extends RouteTable>(core: ApiClient, routes: T): ContractClient<T> {
  async function send(name: string, req: LooseRequest): Promise<unknown> {
    const contract = routes[name];
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers ?? {})) {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- header values are strings by their zod contracts
      if (value !== undefined && value !== null) headers[headerName(key)] = String(value);
    }
    const path = fillPath(contract.path, req.params) + queryString(req.query);
    return core.send({ name, contract, path, body: req.body, headers });
  }
  return {
    call: (name, ...args) => send(name, (args[0] ?? {})) as Promise<RouteResponse<T, typeof name>>,
  };
}
