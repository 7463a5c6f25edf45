import { useEffect, useState } from 'react';
import { adminApi } from '../../api/admin-api';
import type { Pharmacy } from '../../api/admin-contract';
import { useLoaded } from './use-loaded';
import { useServerPage } from './use-server-page';

/** Typing pauses this long before the server is asked: one search per word typed, not per key. */
export const SEARCH_PAUSE_MS = 300;

/** 药店管理's table: the server searches (every word) and pages; a new search starts at page 1. */
export function usePharmacies(pageSize = 10) {
  const list = useServerPage<Pharmacy, string>((q, page) => {
    const words = q.trim().slice(0, 64);
    return adminApi.call('adminListPharmacies', { query: { page, pageSize, ...(words ? { q: words } : {}) } });
  }, '');
  const [typed, setTyped] = useState('');
  const { filters, apply } = list;
  useEffect(() => {
    if (typed === filters) return undefined;
    const timer = setTimeout(() => apply(typed), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, filters, apply]);
  return { ...list, query: typed, setQuery: setTyped };
}

/** Every pharmacy at once (the quota table sets a quota for each): the API's unpaged answer. */
export function useAllPharmacies() {
  const loaded = useLoaded(async () => (await adminApi.call('adminListPharmacies')).items);
  return { all: loaded.data ?? [], error: loaded.error, loading: loaded.loading, reload: loaded.reload };
}
