import { api } from './api';
import { createContractClient } from './contract-client';
import { healthRoutes } from './health-contract';

/** The health-code API (code, declarations, appeals, official data) on the app's client. */
export const healthApi = createContractClient(api, healthRoutes);
export type HealthApi = typeof healthApi;
