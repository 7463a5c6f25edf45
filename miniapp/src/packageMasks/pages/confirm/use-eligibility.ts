import { useCallback, useEffect, useState } from 'react';
import type { EligibilityResponse } from '../../../api/mask-contract';
import { maskApi } from '../../../api/mask-api';

/** The answer, or null when it could not be had (then nothing is blocked: the booking still checks). */
function fetchAnswer(pharmacyId: string, personId: string | null): Promise<EligibilityResponse | null> {
  return maskApi.callMask('eligibility', { query: { pharmacyId, personId: personId ?? undefined } }).catch(() => null);
}

/**
 * The BFF's answer to "may this person book here now?", asked when the page shows (reload) and
 * whenever the person chosen changes. Answers to an earlier choice of person are dropped.
 */
export function useEligibility(pharmacyId: string, personId: string | null) {
  const [answer, setAnswer] = useState<EligibilityResponse | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!pharmacyId) return undefined;
    let current = true;
    void fetchAnswer(pharmacyId, personId).then((res) => current && setAnswer(res));
    return () => {
      current = false;
    };
  }, [pharmacyId, personId, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { answer, reload };
}
