/** One page of a list: the rows shown and where they sit in the whole. */
export interface PageSlice<T> {
  rows: T[];
  /** 1-based, clamped into 1…pages. */
  page: number;
  pages: number;
  total: number;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Page `page` of `items` (a page past the end shows the last one, so a shrinking list never goes blank). */
export function pageOf<T>(items: readonly T[], page: number, size: number): PageSlice<T> {
  const pages = pageCount(items.length, size);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: items.slice((current - 1) * size, current * size), page: current, pages, total: items.length };
}

/** Case-insensitive match of every space-separated word against any of the fields. */
export function matchesSearch(fields: readonly string[], query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const text = fields.join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}
