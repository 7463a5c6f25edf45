import type { z } from 'zod';
import { GrantRoleRequest, GrantRoleResponse } from './admin';
import { LoginRequest, LoginResponse, type RoleName } from './auth';
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
  headers?: Record<string, z.ZodType>;
  roles?: readonly RoleName[];
}

export const apiRoutes = {
  login: {
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Exchange a platform login code for a session token',
    auth: false,
    body: LoginRequest,
    response: LoginResponse,
  },
  bindIdentity: {
    method: 'POST',
    path: '/api/v1/identity',
    summary: 'Bind a real-name identity to the calling account',
    auth: true,
    body: BindIdentityRequest,
    response: BindIdentityResponse,
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
    body: GrantRoleRequest,
    response: GrantRoleResponse,
    status: 201,
  },
} as const satisfies Record<string, RouteContract>;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;
export type RequestBody<N extends RouteName> = BodyOf<ApiRoutes[N]>;
export type ResponseBody<N extends RouteName> = z.infer<ApiRoutes[N]['response']>;
