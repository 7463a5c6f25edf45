import { useCallback, useEffect, useRef, useState } from 'react';
import type { EligibilityResponse } from '../../../api/mask-contract';
import { maskApi } from '../../../api/mask-api';

/**
 * The BFF's answer to "may this person book here now?", asked when the page shows and whenever
 * the person chosen changes. Until it is known (or when asking fails) nothing is blocked: the
 * booking itself still checks, and says why.
 */
export function useEligibility(pharmacyId: string, personId: string | null) {
  const [answer, setAnswer] = useState<EligibilityResponse | null>(null);
  // Answers to an earlier choice of person are dropped.
  const generation = useRef(0);

  const reload = useCallback(async () => {
    if (!pharmacyId) return;
    const mine = ++generation.current;
    try {
      const res = await maskApi.callMask('eligibility', { query: { pharmacyId, personId: personId ?? undefined } });
      if (mine === generation.current) setAnswer(res);
    } catch {
      if (mine === generation.current) setAnswer(null);
    }
  }, [pharmacyId, personId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { answer, reload };
}
