import { api } from './api';
import { codeRoutes } from './code-contract';
import { createContractClient } from './contract-client';

/** The personal-code API (keys, revocations, verify, printed cards) on the app's client. */
export const codeApi = createContractClient(api, codeRoutes);
export type CodeApi = typeof codeApi;
