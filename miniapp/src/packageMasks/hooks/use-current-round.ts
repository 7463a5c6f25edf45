import { useCallback, useState } from 'react';
import { maskApi } from '../../api/mask-api';
import { userMessage } from '../../api/error-messages';
import type { MaskRound } from '../../api/mask-contract';

export interface CurrentRoundState {
  round: MaskRound | null;
  /** False until the first answer (or failure). */
  loaded: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

/** GET rounds/current: the round open now, else the next one, else the last one until its pickup day. */
export function useCurrentRound(): CurrentRoundState {
  const [round, setRound] = useState<MaskRound | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const res = await maskApi.callMask('currentRound');
      setRound(res.round);
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setLoaded(true);
    }
  }, []);

  return { round, loaded, error, reload };
}
