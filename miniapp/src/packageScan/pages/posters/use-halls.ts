import { useCallback, useState } from 'react';
import { userMessage } from '../../../api/error-messages';
import { hallApi } from '../../../api/hall-api';
import type { HallSummary, HallWindow } from '../../../api/hall-contract';

/** Every hall (the public list the hall pages read), for a poster each. */
export function useHalls() {
  const [items, setItems] = useState<HallSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    try {
      setItems((await hallApi.call('listHalls', { query: {} })).items);
      setError(null);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setLoaded(true);
    }
  }, []);
  return { items, error, loaded, reload };
}

export type HallWindows = { windows: HallWindow[] } | { error: string } | 'loading';

/**
 * The windows of the halls an administrator opened, loaded on the first tap: the hall list carries
 * no windows, and most posters are for halls, so a request per hall up front would be wasted.
 */
export function useHallWindows() {
  const [byHall, setByHall] = useState<Record<string, HallWindows>>({});
  const load = useCallback(async (hallId: string) => {
    setByHall((m) => ({ ...m, [hallId]: 'loading' }));
    try {
      const { windows } = await hallApi.call('getHall', { params: { hallId } });
      setByHall((m) => ({ ...m, [hallId]: { windows: [...windows].sort((a, b) => a.number - b.number) } }));
    } catch (err) {
      setByHall((m) => ({ ...m, [hallId]: { error: userMessage(err) } }));
    }
  }, []);
  return { byHall, load };
}
