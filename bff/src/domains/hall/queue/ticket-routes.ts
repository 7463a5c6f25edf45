import { Router } from '@koa/router';
import type { Context } from 'koa';
import { koaRoute, type KoaStep } from '../../../core/koa-pipeline';
import type { Exchange, RouteDefinition } from '../../../core/pipeline';
import { HALL_STAFF, hallRoutes as routes } from '@govpass/shared-types';
import { z } from 'zod';
import { AppError } from '../../../core/app-error';
import { parseBody, parseParams, toFieldIssues } from '../../../core/validate';
import type { AuthState } from '../../auth/require-auth';
import { requireAnyRole } from '../../roles/require-any-role';
import type { RoleService } from '../../roles/role-service';
import type { HallAdminService } from '../registry/hall-admin-service';
import { canActInHall } from '../hall-scope';
import { operatorOf, operatorOfExchange } from '../hall-routes';
import type { ConsoleService } from './console-service';
import type { TicketService } from './ticket-service';
import type { WindowShiftService } from '../shifts/window-shift-service';

const accountIdOf = (ctx: Context) => (ctx.state.auth as AuthState).accountId;
const TakeHeaders = z.object(routes.takeTicket.headers);

function idempotencyKeyOf(x: Exchange): string {
  const result = TakeHeaders.safeParse({ 'idempotency-key': x.header('idempotency-key') || undefined });
  if (!result.success) throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request headers', { details: toFieldIssues(result.error) });
  return result.data['idempotency-key'];
}

/**
 * The citizen's live view of a ticket (position, ahead, now serving, ETA), the bulk of a hall's
 * traffic: declared once, run by Koa's router and by the app's fast lane (core/fast-lane).
 */
export function ticketPositionRoute(tickets: TicketService, roles: RoleService, authenticate: KoaStep): RouteDefinition {
  return {
    method: 'GET',
    path: routes.getTicket.path,
    steps: [
      authenticate.step,
      (x) => {
        const { id } = parseParams(routes.getTicket.params, x.params);
        const { accountId } = x.state.auth as AuthState;
        x.setHeader('Cache-Control', 'no-store');
        return tickets.view(accountId, id, async (hallId) => canActInHall(await roles.guardRolesOf(accountId), hallId, HALL_STAFF)).then((ticket) => x.answer(200, { ticket }));
      },
    ],
  };
}

/** The hall's routes the app's fast lane runs too (and Koa's router, from the same definitions). */
export interface HallLaneRoutes {
  position: RouteDefinition;
  take: RouteDefinition;
  callNext: RouteDefinition;
}

/**
 * Taking a ticket, declared once (Koa's router and the fast lane run it): authentication, then the
 * path, the Idempotency-Key header and the body validated in the order Koa's handler had them.
 */
export function takeTicketRoute(tickets: TicketService, roles: RoleService, authenticate: KoaStep): RouteDefinition {
  return {
    method: 'POST',
    path: routes.takeTicket.path,
    steps: [
      authenticate.step,
      (x) => {
        const { hallId } = parseParams(routes.takeTicket.params, x.params);
        const key = idempotencyKeyOf(x);
        const body = parseBody(routes.takeTicket.body, x.body);
        const { accountId } = x.state.auth as AuthState;
        return tickets.take({ accountId, grants: () => roles.guardRolesOf(accountId) }, hallId, body, key).then(({ ticket }) => x.answer(201, { ticket }));
      },
    ],
  };
}

/**
 * Call next at a window, declared once: authentication, the hall-staff role guard, the path, the
 * one-window-per-staff rule (上岗), then the call.
 */
export function callNextRoute(consoles: ConsoleService, roles: RoleService, authenticate: KoaStep, shifts?: Pick<WindowShiftService, 'enter'>): RouteDefinition {
  return {
    method: 'POST',
    path: routes.callNext.path,
    steps: [
      authenticate.step,
      requireAnyRole(roles, HALL_STAFF).step,
      async (x) => {
        const { windowId } = parseParams(routes.callNext.params, x.params);
        const operator = operatorOfExchange(x);
        await shifts?.enter(operator, windowId);
        x.answer(200, { ticket: await consoles.callNext(operator, windowId) });
      },
    ],
  };
}

/** Tickets (take, live view, mine, cancel) and the window console. */
export function ticketRoutes(
  tickets: TicketService,
  consoles: ConsoleService,
  admin: HallAdminService,
  roles: RoleService,
  authenticate: KoaStep,
  lane: HallLaneRoutes,
  shifts?: Pick<WindowShiftService, 'enter'>,
): Router {
  // One window per window staff member: every step that acts at a window goes through this first.
  const atWindow = async (ctx: Context, windowId: string) => shifts?.enter(operatorOf(ctx), windowId);
  const router = new Router();
  const staff = requireAnyRole(roles, HALL_STAFF);

  router.post(lane.take.path, koaRoute(lane.take));
  router.get(routes.myTickets.path, authenticate, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { items: await tickets.mine(accountIdOf(ctx)) };
  });
  router.get(lane.position.path, koaRoute(lane.position));
  router.delete(routes.cancelTicket.path, authenticate, async (ctx) => {
    const { id } = parseParams(routes.cancelTicket.params, ctx.params);
    ctx.body = { ticket: await tickets.cancel(accountIdOf(ctx), id) };
  });

  router.get(routes.windowConsole.path, authenticate, staff, async (ctx) => {
    const { windowId } = parseParams(routes.windowConsole.params, ctx.params);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await consoles.console(operatorOf(ctx), windowId);
  });
  router.post(lane.callNext.path, koaRoute(lane.callNext));
  router.post(routes.callChosen.path, authenticate, staff, async (ctx) => {
    const { windowId } = parseParams(routes.callChosen.params, ctx.params);
    const { ticketId, reason } = parseBody(routes.callChosen.body, ctx.request.body);
    await atWindow(ctx, windowId);
    ctx.body = { ticket: await consoles.callChosen(operatorOf(ctx), windowId, ticketId, reason) };
  });
  router.post(routes.setWindowStatus.path, authenticate, staff, async (ctx) => {
    const { windowId } = parseParams(routes.setWindowStatus.params, ctx.params);
    const { status } = parseBody(routes.setWindowStatus.body, ctx.request.body);
    ctx.body = { window: await admin.setWindowStatus(operatorOf(ctx), windowId, status) };
  });
  const steps = [
    [routes.recallTicket, 'recall'],
    [routes.skipTicket, 'skip'],
    [routes.startTicket, 'start'],
    [routes.completeTicket, 'complete'],
  ] as const;
  for (const [route, name] of steps) {
    router.post(route.path, authenticate, staff, async (ctx) => {
      const { id } = parseParams(route.params, ctx.params);
      const { windowId } = parseBody(route.body, ctx.request.body);
      await atWindow(ctx, windowId);
      ctx.body = { ticket: await consoles.step(operatorOf(ctx), name, id, windowId) };
    });
  }
  router.post(routes.transferTicket.path, authenticate, staff, async (ctx) => {
    const { id } = parseParams(routes.transferTicket.params, ctx.params);
    const { windowId, serviceId, note } = parseBody(routes.transferTicket.body, ctx.request.body);
    await atWindow(ctx, windowId);
    ctx.body = await consoles.transfer(operatorOf(ctx), id, windowId, serviceId, note);
  });
  router.post(routes.setTicketPriority.path, authenticate, staff, async (ctx) => {
    const { id } = parseParams(routes.setTicketPriority.params, ctx.params);
    const { priority } = parseBody(routes.setTicketPriority.body, ctx.request.body);
    ctx.body = { ticket: await consoles.setPriority(operatorOf(ctx), id, priority) };
  });
  return router;
}
