import { api } from './api';
import { createContractClient } from './contract-client';
import { appointmentRoutes, hallRoutes } from './hall-contract';

/** The hall registry, tickets, window console and board (hallRoutes) on the app's client. */
export const hallApi = createContractClient(api, hallRoutes);
/** Appointments, waitlist and ratings (appointmentRoutes) on the app's client. */
export const appointmentApi = createContractClient(api, appointmentRoutes);
