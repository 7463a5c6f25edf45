import type { z } from 'zod';
import { GrantRoleRequest, GrantRoleResponse } from './admin';
import { LoginRequest, LoginResponse, type RoleName } from './auth';
import type { ErrorCode } from './errors';
import { BindIdentityRequest, BindIdentityResponse } from './identity';
import { MeResponse } from './me';

/**
 * The API's routes as data: the BFF validates against these schemas, the mini-program's
 * typed client derives its request/response types from them, and the OpenAPI document is
 * generated from them. One definition, three uses.
 */
export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

/** RouteContract plus path parameters, headers and the roles (any of) a caller must hold. */
export interface OperationContract extends RouteContract {
  params?: z.ZodType;
  /** Request headers by lower-case name. */
  headers?: Record<string, z.ZodType>;
  roles?: readonly RoleName[];
  /**
   * The operation's own refusals by HTTP status (a code's status is the operation's to choose: an
   * invalid pickup code is a 400, an invalid personal code a 422). Those that follow from the rest
   * of the contract (VALIDATION_FAILED for input, UNAUTHENTICATED for auth, FORBIDDEN for roles,
   * STORE_UNAVAILABLE, INTERNAL) are derived by the OpenAPI document and need not be listed.
   */
  errors?: Readonly<Record<number, readonly ErrorCode[]>>;
  /** The success answer's media type when it is not JSON. */
  contentType?: string;
}

export const apiRoutes = {
  login: {
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Exchange a platform login code for a session token',
    auth: false,
    body: LoginRequest,
    response: LoginResponse,
    errors: { 401: ['LOGIN_CODE_INVALID'], 403: ['LOGIN_CHANNEL_DISABLED', 'LOGIN_HIGH_RISK_USER'], 429: ['RATE_LIMITED', 'UPSTREAM_RATE_LIMITED'], 502: ['UPSTREAM_ERROR'], 503: ['UPSTREAM_UNAVAILABLE'] },
  },
  bindIdentity: {
    method: 'POST',
    path: '/api/v1/identity',
    summary: 'Bind a real-name identity to the calling account',
    auth: true,
    body: BindIdentityRequest,
    response: BindIdentityResponse,
    errors: { 403: ['CONSENT_REQUIRED'], 409: ['IDENTITY_ALREADY_BOUND'], 422: ['IDENTITY_MISMATCH'], 429: ['RATE_LIMITED'] },
  },
  me: {
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The calling account, its masked identity and roles',
    auth: true,
    response: MeResponse,
  },
  grantRole: {
    method: 'POST',
    path: '/api/v1/admin/roles',
    summary: 'Grant an operator role (admin only)',
    auth: true,
    roles: ['admin'],
    body: GrantRoleRequest,
    response: GrantRoleResponse,
    errors: { 404: ['ACCOUNT_NOT_FOUND'] },
    status: 201,
  },
} as const satisfies Record<string, OperationContract>;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;
export type RequestBody<N extends RouteName> = BodyOf<ApiRoutes[N]>;
export type ResponseBody<N extends RouteName> = z.infer<ApiRoutes[N]['response']>;
