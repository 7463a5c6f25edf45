import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { userMessage } from '../../api/error-messages';
import { pageCount } from '../lib/paging';

export interface ServerPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A listing the API pages (audit log, role grants): `filters` are applied together and start again
 * at page 1; an answer to a superseded request is dropped, so fast paging never shows a stale page.
 */
export function useServerPage<T, F>(load: (filters: F, page: number) => Promise<ServerPage<T>>, initial: F) {
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPageState] = useState(1);
  const [data, setData] = useState<ServerPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const loader = useRef(load);
  useLayoutEffect(() => {
    loader.current = load;
  });

  const fetchPage = useCallback(async (f: F, p: number) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const answer = await loader.current(f, p);
      if (mine !== generation.current) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(userMessage(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the page shown is fetched when it or the filters change; the spinner starts with that fetch
    void fetchPage(filters, page);
  }, [fetchPage, filters, page]);

  /** New filters: back to page 1 (stable, so a debounce can depend on it). */
  const apply = useCallback((f: F) => {
    setFilters(f);
    setPageState(1);
  }, []);

  return {
    filters,
    apply,
    page,
    pages: data ? pageCount(data.total, data.pageSize) : 1,
    setPage: (p: number) => setPageState(Math.max(1, p)),
    rows: data?.items ?? [],
    total: data?.total ?? 0,
    error,
    loading,
    reload: () => fetchPage(filters, page),
  };
}
