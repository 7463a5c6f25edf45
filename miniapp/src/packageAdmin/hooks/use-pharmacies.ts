import { adminApi } from '../../api/admin-api';
import type { Pharmacy } from '../../api/admin-contract';
import { useClientTable } from './use-client-table';
import { useLoaded } from './use-loaded';

const searchable = (p: Pharmacy) => [p.id, p.name, p.district, p.address, p.phone];

/** Every pharmacy (the API answers the whole list), searched and paged here. */
export function usePharmacies(pageSize = 10) {
  const loaded = useLoaded(async () => (await adminApi.call('adminListPharmacies')).items);
  const table = useClientTable(loaded.data ?? [], searchable, pageSize);
  return { ...table, all: loaded.data ?? [], error: loaded.error, loading: loaded.loading, reload: loaded.reload };
}
