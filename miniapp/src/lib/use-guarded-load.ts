import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/**
 * The loading state every page's data fetch needs: `reload` runs the latest `load`, and an answer
 * to a superseded load is dropped (a slow first answer never overwrites a newer one). When to
 * load — on mount, on show, when a filter changes — is the caller's.
 */
export function useGuardedLoad<T, E>(load: () => Promise<T>, toError: (e: unknown) => E) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<E | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef({ load, toError });
  useLayoutEffect(() => {
    latest.current = { load, toError };
  });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await latest.current.load();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(latest.current.toError(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  return { data, error, loading, reload, setData };
}
