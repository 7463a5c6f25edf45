import { ADMIN_DEFAULT_PAGE_SIZE, type AdminPageQuery, type PageInfo } from '../shared/mask-contract';

/** A page to read, or null for the whole list (a caller that gave neither page nor pageSize). */
export interface PageWindow {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageWindowOf(q: AdminPageQuery): PageWindow | null {
  if (q.page === undefined && q.pageSize === undefined) return null;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? ADMIN_DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The answer's paging fields: an unpaged answer is page 1 of one page holding every row. */
export function pageInfoOf(window: PageWindow | null, total: number): PageInfo {
  return window ? { total, page: window.page, pageSize: window.pageSize } : { total, page: 1, pageSize: Math.max(1, total) };
}

/** Rows a list computed whole (the ledger) cut to the window asked for. */
export function slicePage<T>(rows: readonly T[], window: PageWindow | null): { items: T[] } & PageInfo {
  const items = window ? rows.slice(window.offset, window.offset + window.pageSize) : [...rows];
  return { items, ...pageInfoOf(window, rows.length) };
}
