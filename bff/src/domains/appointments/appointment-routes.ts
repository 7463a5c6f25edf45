import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import {
  appointmentRoutes as routes,
  HALL_MANAGER_ROLES,
  HALL_STAFF_ROLES,
  IdempotencyKeyHeader,
  type AppointmentResponse,
  type FollowUpListResponse,
  type FollowUpResponse,
  type HallAppointmentsResponse,
  type VisitRatingResponse,
  type WaitlistEntryResponse,
} from '@govpass/shared-types';
import { z } from 'zod';
import { AppError } from '../../core/app-error';
import { parseBody, parseParams, parseQuery, toFieldIssues } from '../../core/validate';
import type { AuditLog } from '../audit/audit-log';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from '../roles/role-service';
import type { AppointmentService } from './appointment-service';
import type { HallStatsService } from './ratings/hall-stats-service';
import type { RatingService } from './ratings/rating-service';
import { requireHallRole } from './require-hall-role';
import type { SlotPlanner } from './slots/slot-planner';
import type { WaitlistService } from './waitlist-service';

export interface AppointmentRouteServices {
  planner: SlotPlanner;
  appointments: AppointmentService;
  waitlist: WaitlistService;
  ratings: RatingService;
  stats: HallStatsService;
}

const accountIdOf = (ctx: Context) => (ctx.state.auth as AuthState).accountId;
const requestIdOf = (ctx: Context) => (ctx.state.requestId ? String(ctx.state.requestId) : null);
const idOf = (ctx: Context) => parseParams(routes.appointment.params, ctx.params).id;

const idempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKeyHeader });

function idempotencyKeyOf(ctx: Context): string {
  const parsed = idempotencyHeaders.safeParse({ 'idempotency-key': ctx.get('idempotency-key') || undefined });
  if (!parsed.success) throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request headers', { details: toFieldIssues(parsed.error) });
  return parsed.data['idempotency-key'];
}

/** The citizen's appointments and waitlist, public slots, and the rating of a visit. */
export function citizenAppointmentRoutes(s: AppointmentRouteServices, authenticate: Middleware): Router {
  const router = new Router();
  router.get(routes.hallSlots.path, async (ctx) => {
    const { hallId } = parseParams(routes.hallSlots.params, ctx.params);
    const q = parseQuery(routes.hallSlots.query, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await s.planner.daySlots(hallId, q.serviceId, q.date);
  });
  router.post(routes.bookAppointment.path, authenticate, async (ctx) => {
    const idempotencyKey = idempotencyKeyOf(ctx);
    const body = parseBody(routes.bookAppointment.body, ctx.request.body);
    const { appointment, replay } = await s.appointments.book({ accountId: accountIdOf(ctx), body, idempotencyKey });
    const answer: AppointmentResponse = { appointment };
    ctx.status = replay ? 200 : 201;
    ctx.body = answer;
  });
  router.get(routes.myAppointments.path, authenticate, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await s.appointments.mine(accountIdOf(ctx), parseQuery(routes.myAppointments.query, ctx.query));
  });
  // Before /:id, so "waitlist" is never read as an appointment id.
  router.post(routes.joinWaitlist.path, authenticate, async (ctx) => {
    const body = parseBody(routes.joinWaitlist.body, ctx.request.body);
    ctx.status = 201;
    ctx.body = await s.waitlist.join(accountIdOf(ctx), body);
  });
  router.delete(routes.leaveWaitlist.path, authenticate, async (ctx) => {
    const { id } = parseParams(routes.leaveWaitlist.params, ctx.params);
    const answer: WaitlistEntryResponse = { entry: await s.waitlist.leave(accountIdOf(ctx), id) };
    ctx.body = answer;
  });
  router.get(routes.appointment.path, authenticate, async (ctx) => {
    const answer: AppointmentResponse = { appointment: await s.appointments.get(accountIdOf(ctx), idOf(ctx)) };
    ctx.body = answer;
  });
  router.delete(routes.cancelAppointment.path, authenticate, async (ctx) => {
    const answer: AppointmentResponse = { appointment: await s.appointments.cancel(accountIdOf(ctx), idOf(ctx)) };
    ctx.body = answer;
  });
  router.post(routes.rescheduleAppointment.path, authenticate, async (ctx) => {
    const body = parseBody(routes.rescheduleAppointment.body, ctx.request.body);
    const answer: AppointmentResponse = { appointment: await s.appointments.reschedule(accountIdOf(ctx), idOf(ctx), body) };
    ctx.body = answer;
  });
  router.post(routes.declineOffer.path, authenticate, async (ctx) => {
    const answer: AppointmentResponse = { appointment: await s.appointments.decline(accountIdOf(ctx), idOf(ctx)) };
    ctx.body = answer;
  });
  router.post(routes.rateVisit.path, authenticate, async (ctx) => {
    const { id } = parseParams(routes.rateVisit.params, ctx.params);
    const body = parseBody(routes.rateVisit.body, ctx.request.body);
    const answer: VisitRatingResponse = { rating: await s.ratings.rate(accountIdOf(ctx), id, body) };
    ctx.status = 201;
    ctx.body = answer;
  });
  router.get(routes.visitRating.path, authenticate, async (ctx) => {
    const { id } = parseParams(routes.visitRating.params, ctx.params);
    const answer: VisitRatingResponse = { rating: await s.ratings.ratingOf(accountIdOf(ctx), id) };
    ctx.body = answer;
  });
  return router;
}

/** A hall's staff: the day's appointments; its managers: 差评 follow-ups and statistics. */
export function hallStaffAppointmentRoutes(s: AppointmentRouteServices, roles: RoleService, audit: AuditLog, authenticate: Middleware): Router {
  const router = new Router();
  const staff = requireHallRole(roles, HALL_STAFF_ROLES);
  const managers = requireHallRole(roles, HALL_MANAGER_ROLES);
  router.get(routes.hallAppointments.path, authenticate, staff, async (ctx) => {
    const { hallId } = parseParams(routes.hallAppointments.params, ctx.params);
    const q = parseQuery(routes.hallAppointments.query, ctx.query);
    const answer: HallAppointmentsResponse = { items: await s.appointments.ofHallDay(hallId, q.date, q.serviceId) };
    // Staff reading who comes when (masked names): recorded like every operator action.
    await audit.record({ actor: accountIdOf(ctx), action: 'hall.appointments.list', targetType: 'hall', targetId: hallId, requestId: requestIdOf(ctx), details: { date: q.date, serviceId: q.serviceId ?? null, count: answer.items.length } });
    ctx.body = answer;
  });
  router.get(routes.ratingFollowUps.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.ratingFollowUps.params, ctx.params);
    const answer: FollowUpListResponse = { items: await s.ratings.followUps(hallId, parseQuery(routes.ratingFollowUps.query, ctx.query)) };
    ctx.body = answer;
  });
  router.post(routes.closeFollowUp.path, authenticate, managers, async (ctx) => {
    const { hallId, id } = parseParams(routes.closeFollowUp.params, ctx.params);
    const { note } = parseBody(routes.closeFollowUp.body, ctx.request.body);
    const answer: FollowUpResponse = { followUp: await s.ratings.closeFollowUp(accountIdOf(ctx), hallId, id, note, requestIdOf(ctx)) };
    ctx.body = answer;
  });
  router.get(routes.hallStats.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.hallStats.params, ctx.params);
    ctx.body = await s.stats.stats(hallId, parseQuery(routes.hallStats.query, ctx.query));
  });
  return router;
}
