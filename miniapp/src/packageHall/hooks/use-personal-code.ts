import { useCallback, useEffect, useRef, useState } from 'react';
import { userMessage } from '../../api/error-messages';
import { hallGateway } from '../gateway';
import { usePolling } from './use-polling';

/** The code lives 60 s; fetch a fresh one well before. */
export const CODE_REFRESH_MS = 45_000;

/** The personal code of the appointment's person, refreshed while shown; null person = nothing shown. */
export function usePersonalCode(personId: string | null | undefined) {
  const [code, setCode] = useState<{ code: string; maskedName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef<string | null | undefined>(undefined);

  const load = useCallback(async () => {
    if (personId === undefined) return;
    asked.current = personId;
    try {
      const res = await hallGateway().personalCode(personId);
      if (asked.current !== personId) return;
      setCode(res);
      setError(null);
    } catch (e) {
      if (asked.current === personId) setError(userMessage(e));
    }
  }, [personId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- another person's code must not stay on screen while theirs loads
    setCode(null);
    void load();
  }, [load]);
  usePolling(() => void load(), personId === undefined ? null : CODE_REFRESH_MS);

  return { code: code?.code ?? null, maskedName: code?.maskedName ?? null, error };
}
