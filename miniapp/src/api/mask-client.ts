import type { ApiClient } from './client';
import { createContractClient, type RouteArgs, type RouteRequest } from './contract-client';
import { maskRoutes, type MaskResponseBody, type MaskRouteName, type MaskRoutes } from './mask-contract';

/*
 * The typed client for `maskRoutes`: the contract client every route table uses, on the core
 * client's `send` (same token, 401 re-login, error contract and response check). It lives apart
 * from client.ts so that only the subpackage that calls it (packageMasks) carries the mask schemas:
 * the main package does not.
 */

/**
 * What a mask route takes, all derived from its contract: `body` (z.input of its body schema),
 * `query`, path `params` (for `:id` in the path) and `headers` (the contract's lower-case names,
 * e.g. `{ 'idempotency-key': … }` for bookMasks).
 */
export type MaskCallRequest<N extends MaskRouteName> = RouteRequest<MaskRoutes, N>;

/** The request may be left out when nothing in it is required (current round, my reservations…). */
export type MaskCallArgs<N extends MaskRouteName> = RouteArgs<MaskRoutes, N>;

export interface MaskApiClient {
  callMask<N extends MaskRouteName>(name: N, ...args: MaskCallArgs<N>): Promise<MaskResponseBody<N>>;
}

// Kept as exports of this module for existing callers; they live in request-parts.ts.
export { headerName, queryString } from './request-parts';

export function createMaskClient(core: ApiClient): MaskApiClient {
  const client = createContractClient(core, maskRoutes);
  return { callMask: (name, ...args) => client.call(name, ...args) };
}
