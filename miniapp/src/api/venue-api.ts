import { api } from './api';
import { createContractClient } from './contract-client';
import { tracingRoutes, venueRoutes } from './venue-contract';

/** The venue-code API (venues, posters, counts, check-ins) on the app's client. */
export const venueApi = createContractClient(api, venueRoutes);
export type VenueApi = typeof venueApi;

/** Contact tracing (流调) for health officials. */
export const tracingApi = createContractClient(api, tracingRoutes);
export type TracingApi = typeof tracingApi;
