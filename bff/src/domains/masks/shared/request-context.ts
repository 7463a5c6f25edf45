import type { Context } from 'koa';
import type { RoleGrant } from '@govpass/shared-types';
import type { AuthState } from '../../auth/require-auth';
import type { Operator } from '../admin/pharmacy-admin-service';

export function accountIdOf(ctx: Context): string {
  return (ctx.state.auth as AuthState).accountId;
}

export function requestIdOf(ctx: Context): string | null {
  return ctx.state.requestId ? String(ctx.state.requestId) : null;
}

export function operatorOf(ctx: Context): Operator {
  return { accountId: accountIdOf(ctx), requestId: requestIdOf(ctx) };
}

/** The grants requireRole put on the context. */
export function grantsOf(ctx: Context): RoleGrant[] {
  return (ctx.state.roles as RoleGrant[] | undefined) ?? [];
}
