import type { z } from 'zod';
import {
  AdminPharmacyListResponse,
  BookMasksResponse,
  CancelReservationResponse,
  CreatePharmacyRequest,
  CreateReservationRequest,
  CreateRoundRequest,
  CurrentRoundResponse,
  DeletedResponse,
  IdempotencyKeyHeader,
  RetryAttemptHeader,
  IdParams,
  MyReservationsResponse,
  PharmacyInput,
  PharmacyListQuery,
  PharmacyListResponse,
  PharmacyResponse,
  PharmacySummaryQuery,
  PharmacySummaryResponse,
  RedeemByIdNumberRequest,
  RedeemRequest,
  RedemptionResponse,
  RoundListResponse,
  RoundResponse,
  SetQuotasRequest,
  SetQuotasResponse,
  StockResponse,
} from './masks';
import type { RouteContract } from './routes';

/** RouteContract plus the path parameters and headers some mask routes validate. */
export interface MaskRouteContract extends RouteContract {
  params?: z.ZodType;
  headers?: Record<string, z.ZodType>;
  /** Role the caller must hold (checked after auth). */
  role?: 'admin' | 'pharmacist';
}

/** The mask-reservation API as data, in the shape of `apiRoutes`. */
export const maskRoutes = {
  currentRound: {
    method: 'GET',
    path: '/api/v1/masks/rounds/current',
    summary: 'The round now open, else the next one, else the last one until its pickup day (null when none)',
    auth: false,
    response: CurrentRoundResponse,
  },
  listPharmacies: {
    method: 'GET',
    path: '/api/v1/masks/pharmacies',
    summary: 'Pharmacies with quota and remaining for the current round; nearest first when lat/lng are given',
    auth: false,
    query: PharmacyListQuery,
    response: PharmacyListResponse,
  },
  stock: {
    method: 'GET',
    path: '/api/v1/masks/stock',
    summary: 'Open data: remaining bookings per pharmacy (Cache-Control: public, max-age=5)',
    auth: false,
    response: StockResponse,
  },
  bookMasks: {
    method: 'POST',
    path: '/api/v1/masks/reservations',
    summary: 'Book masks for oneself or a family member (201); in a lottery round, apply for the draw (202)',
    auth: true,
    body: CreateReservationRequest,
    headers: { 'idempotency-key': IdempotencyKeyHeader, 'x-retry-attempt': RetryAttemptHeader },
    response: BookMasksResponse,
    status: 201,
  },
  myReservations: {
    method: 'GET',
    path: '/api/v1/masks/reservations',
    summary: "The caller's and their family's reservations (newest first) and lottery applications",
    auth: true,
    response: MyReservationsResponse,
  },
  cancelReservation: {
    method: 'DELETE',
    path: '/api/v1/masks/reservations/:id',
    summary: 'Cancel a reservation before its pickup day; the unit returns to the pool while the round is open',
    auth: true,
    params: IdParams,
    response: CancelReservationResponse,
  },
  redeem: {
    method: 'POST',
    path: '/api/v1/pharmacy/redemptions',
    summary: 'Redeem a scanned pickup code at the counter (pharmacist of that pharmacy)',
    auth: true,
    role: 'pharmacist',
    body: RedeemRequest,
    response: RedemptionResponse,
  },
  redeemByIdNumber: {
    method: 'POST',
    path: '/api/v1/pharmacy/redemptions/by-id-number',
    summary: "Redeem a person's outstanding reservation at this pharmacy by ID number (no phone)",
    auth: true,
    role: 'pharmacist',
    body: RedeemByIdNumberRequest,
    response: RedemptionResponse,
  },
  pharmacySummary: {
    method: 'GET',
    path: '/api/v1/pharmacy/summary',
    summary: "A pharmacy's counts for one pickup date",
    auth: true,
    role: 'pharmacist',
    query: PharmacySummaryQuery,
    response: PharmacySummaryResponse,
  },
  adminListPharmacies: {
    method: 'GET',
    path: '/api/v1/admin/pharmacies',
    summary: 'All pharmacies (admin)',
    auth: true,
    role: 'admin',
    response: AdminPharmacyListResponse,
  },
  adminCreatePharmacy: {
    method: 'POST',
    path: '/api/v1/admin/pharmacies',
    summary: 'Create a pharmacy (admin, audited)',
    auth: true,
    role: 'admin',
    body: CreatePharmacyRequest,
    response: PharmacyResponse,
    status: 201,
  },
  adminUpdatePharmacy: {
    method: 'PUT',
    path: '/api/v1/admin/pharmacies/:id',
    summary: 'Replace a pharmacy (admin, audited)',
    auth: true,
    role: 'admin',
    params: IdParams,
    body: PharmacyInput,
    response: PharmacyResponse,
  },
  adminDeletePharmacy: {
    method: 'DELETE',
    path: '/api/v1/admin/pharmacies/:id',
    summary: 'Delete a pharmacy that never took part in a round (admin, audited; else 409 CONFLICT)',
    auth: true,
    role: 'admin',
    params: IdParams,
    response: DeletedResponse,
  },
  adminListRounds: {
    method: 'GET',
    path: '/api/v1/admin/masks/rounds',
    summary: 'All rounds, newest first (admin)',
    auth: true,
    role: 'admin',
    response: RoundListResponse,
  },
  adminCreateRound: {
    method: 'POST',
    path: '/api/v1/admin/masks/rounds',
    summary: 'Create a booking round (admin, audited); windows may not overlap',
    auth: true,
    role: 'admin',
    body: CreateRoundRequest,
    response: RoundResponse,
    status: 201,
  },
  adminSetQuotas: {
    method: 'PUT',
    path: '/api/v1/admin/masks/rounds/:id/quotas',
    summary: "Set pharmacies' quotas for a round and their live counters (admin, audited)",
    auth: true,
    role: 'admin',
    params: IdParams,
    body: SetQuotasRequest,
    response: SetQuotasResponse,
  },
} as const satisfies Record<string, MaskRouteContract>;

export type MaskRoutes = typeof maskRoutes;
export type MaskRouteName = keyof MaskRoutes;
type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;
type QueryOf<R> = R extends { query: infer Q extends z.ZodType } ? z.input<Q> : undefined;
export type MaskRequestBody<N extends MaskRouteName> = BodyOf<MaskRoutes[N]>;
export type MaskRequestQuery<N extends MaskRouteName> = QueryOf<MaskRoutes[N]>;
export type MaskResponseBody<N extends MaskRouteName> = z.infer<MaskRoutes[N]['response']>;
