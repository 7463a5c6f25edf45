import { useCallback, useState } from 'react';
import { userMessage } from '../../../api/error-messages';
import { hallApi } from '../../../api/hall-api';
import type { HallWindow } from '../../../api/hall-contract';
import { useGuardedLoad } from '../../../lib/use-guarded-load';

/** Every hall (the public list the hall pages read), for a poster each; `loaded` once the first answer (or failure) came. */
export function useHalls() {
  const { data, error, reload } = useGuardedLoad(async () => (await hallApi.call('listHalls', { query: {} })).items, userMessage);
  return { items: data ?? [], error, loaded: data !== null || error !== null, reload };
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
