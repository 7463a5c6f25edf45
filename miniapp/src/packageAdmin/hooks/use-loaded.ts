import { useEffect } from 'react';
import { userMessage } from '../../api/error-messages';
import { useGuardedLoad } from '../../lib/use-guarded-load';

/** Data loaded on mount, when `key` changes and on `reload`; an answer to a superseded load is dropped. */
export function useLoaded<T>(load: () => Promise<T>, key: string = '') {
  const { data, error, loading, reload } = useGuardedLoad(load, userMessage);
  useEffect(() => {
    void reload();
  }, [reload, key]);
  return { data, error, loading, reload };
}
