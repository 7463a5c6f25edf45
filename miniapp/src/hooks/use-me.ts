import { useCallback, useState } from 'react';
import type { MeResponse } from '@govpass/shared-types';
import { api } from '../api/api';
import { userMessage } from '../api/error-messages';

export interface MeState {
  me: MeResponse | null;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

export function useMe(): MeState {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setMe(await api.call('me'));
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  return { me, loading, error, reload };
}
