/** Splits a list for IN (…) lists and multi-row inserts, far below MySQL's and SQLite's limits. */
export function chunked<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
