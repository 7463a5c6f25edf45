import type { z } from 'zod';
import { IdParams } from './common';
import {
  CheckinRequest,
  CheckinResponse,
  PosterResponse,
  RegisterVenueRequest,
  VenueCountsQuery,
  VenueCountsResponse,
  VenueListResponse,
  VenueResponse,
} from './venues';
import type { OperationContract } from './routes';

/** Roles that manage venues: a venue manager (scoped to their venues) or an admin (all). */
export const VENUE_MANAGING_ROLES = ['venue_manager', 'admin'] as const;

/** The venue-code API as data. */
export const venueRoutes = {
  registerVenue: {
    method: 'POST',
    path: '/api/v1/venues',
    summary: 'Register a venue (venue manager: becomes theirs; admin) and get its signed poster code',
    auth: true,
    roles: [...VENUE_MANAGING_ROLES],
    body: RegisterVenueRequest,
    response: VenueResponse,
    status: 201,
    errors: { 409: ['CONFLICT'] },
  },
  myVenues: {
    method: 'GET',
    path: '/api/v1/venues',
    summary: "The caller's venues (venue manager), or every venue (admin)",
    auth: true,
    roles: [...VENUE_MANAGING_ROLES],
    response: VenueListResponse,
  },
  venuePoster: {
    method: 'GET',
    path: '/api/v1/venues/:id/poster',
    summary: "A venue's poster: the signed venue code, its QR text and the printed instructions",
    auth: true,
    roles: [...VENUE_MANAGING_ROLES],
    params: IdParams,
    response: PosterResponse,
    errors: { 404: ['VENUE_NOT_FOUND'] },
  },
  venueCounts: {
    method: 'GET',
    path: '/api/v1/venues/:id/counts',
    summary: 'Check-in counts of a venue (today, by hour, now); never identities',
    auth: true,
    roles: [...VENUE_MANAGING_ROLES],
    params: IdParams,
    query: VenueCountsQuery,
    response: VenueCountsResponse,
    errors: { 404: ['VENUE_NOT_FOUND'] },
  },
  checkin: {
    method: 'POST',
    path: '/api/v1/venues/checkins',
    summary: 'Check in at a venue (self and family), answered once durable; the guard reads the result page',
    auth: true,
    body: CheckinRequest,
    response: CheckinResponse,
    errors: { 403: ['IDENTITY_REQUIRED'], 404: ['NOT_FOUND', 'VENUE_NOT_FOUND'], 422: ['INVALID_CODE'], 429: ['CHECKIN_LIMIT'] },
  },
} as const satisfies Record<string, OperationContract>;

export type VenueRoutes = typeof venueRoutes;
export type VenueRouteName = keyof VenueRoutes;
type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;
type QueryOf<R> = R extends { query: infer Q extends z.ZodType } ? z.input<Q> : undefined;
export type VenueRequestBody<N extends VenueRouteName> = BodyOf<VenueRoutes[N]>;
export type VenueRequestQuery<N extends VenueRouteName> = QueryOf<VenueRoutes[N]>;
export type VenueResponseBody<N extends VenueRouteName> = z.infer<VenueRoutes[N]['response']>;
