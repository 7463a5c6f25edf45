import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { userMessage } from '../../api/error-messages';

/** Data loaded on mount, when `key` changes and on `reload`; an answer to a superseded load is dropped. */
export function useLoaded<T>(load: () => Promise<T>, key: string = '') {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      if (mine === generation.current) setError(userMessage(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the spinner starts with the fetch this effect starts (on mount and when the filter key changes)
    void reload();
  }, [reload, key]);
  return { data, error, loading, reload };
}
