import { useMemo, useState } from 'react';
import { matchesSearch, pageOf } from '../lib/paging';

/**
 * Search and pages over a list the API answers whole (pharmacies, rounds, ledger rows): a new
 * search starts again at page 1.
 */
export function useClientTable<T>(items: readonly T[], fieldsOf: (item: T) => string[], pageSize = 10) {
  const [query, setQueryState] = useState('');
  const [page, setPage] = useState(1);
  const matching = useMemo(() => items.filter((i) => matchesSearch(fieldsOf(i), query)), [items, fieldsOf, query]);
  const slice = pageOf(matching, page, pageSize);
  const setQuery = (q: string) => {
    setQueryState(q);
    setPage(1);
  };
  return { query, setQuery, ...slice, setPage, matching };
}
