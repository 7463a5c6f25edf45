import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { isApiError, type ApiErrorCode } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { useOnShow } from '../../hooks/use-on-show';

export interface LoadError {
  code: ApiErrorCode | null;
  message: string;
}

export function loadError(e: unknown): LoadError {
  return { code: isApiError(e) ? e.code : null, message: userMessage(e) };
}

/** Data fetched when the page shows (and on `reload`); an answer to a superseded load is dropped. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  useLayoutEffect(() => {
    latest.current = load;
  });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await latest.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(loadError(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useOnShow(() => void reload());
  return { data, error, loading, reload, setData };
}
