import { useCallback, useState } from 'react';
import { userMessage } from '../../../api/error-messages';
import { maskApi } from '../../../api/mask-api';
import type { Pharmacy } from '../../../api/mask-contract';

/** Every pharmacy (admin), for a poster each. */
export function usePharmacies() {
  const [items, setItems] = useState<Pharmacy[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    try {
      setItems((await maskApi.callMask('adminListPharmacies')).items);
      setError(null);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setLoaded(true);
    }
  }, []);
  return { items, error, loaded, reload };
}
