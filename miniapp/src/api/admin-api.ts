import { apiRoutes } from '@govpass/shared-types/src/routes';
import { adminRoutes, maskOperationRoutes, maskRoundRoutes, maskRoutes } from './admin-contract';
import { api } from './api';
import { createContractClient } from './contract-client';

/** Everything the operator console calls: pharmacies and rounds, operations, roles, audit. */
export const adminConsoleRoutes = {
  adminListPharmacies: maskRoutes.adminListPharmacies,
  adminCreatePharmacy: maskRoutes.adminCreatePharmacy,
  adminUpdatePharmacy: maskRoutes.adminUpdatePharmacy,
  adminListRounds: maskRoutes.adminListRounds,
  adminCreateRound: maskRoutes.adminCreateRound,
  adminSetQuotas: maskRoutes.adminSetQuotas,
  adminUpdateRound: maskRoundRoutes.adminUpdateRound,
  adminCloseRound: maskRoundRoutes.adminCloseRound,
  adminCancelRound: maskRoundRoutes.adminCancelRound,
  adminDrawLottery: maskOperationRoutes.adminDrawLottery,
  adminLedger: maskOperationRoutes.adminLedger,
  adminImportPharmacies: maskOperationRoutes.adminImportPharmacies,
  grantRole: apiRoutes.grantRole,
  ...adminRoutes,
};

export const adminApi = createContractClient(api, adminConsoleRoutes);
export type AdminApi = typeof adminApi;
