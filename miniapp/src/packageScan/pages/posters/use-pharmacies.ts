import { userMessage } from '../../../api/error-messages';
import { maskApi } from '../../../api/mask-api';
import { useGuardedLoad } from '../../../lib/use-guarded-load';

/** Every pharmacy (admin), for a poster each; `loaded` once the first answer (or failure) came. */
export function usePharmacies() {
  const { data, error, reload } = useGuardedLoad(async () => (await maskApi.callMask('adminListPharmacies')).items, userMessage);
  return { items: data ?? [], error, loaded: data !== null || error !== null, reload };
}
