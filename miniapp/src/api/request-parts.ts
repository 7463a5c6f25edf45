/*
 * Building a request from a route contract: path parameters, query string, header spelling.
 * Shared by every route-table client (mask-client.ts, contract-client.ts).
 */

export { fillPath } from './fill-path';

/**
 * `?a=1&b=x` without undefined/null/'' values. Built here rather than passed as `data` on GET:
 * the mini-program request APIs do not agree on how they encode it.
 */
export function queryString(query: Record<string, unknown> = {}): string {
  const parts = Object.keys(query)
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(query[key]))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Contract header names are lower-case; they go out in their usual spelling (`Idempotency-Key`). */
export function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
