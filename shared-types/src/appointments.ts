import { z } from 'zod';
import { EntityId } from './common';
import { IsoDate } from './masks';
import { safeMultilineText, safeText } from './safe-text';

/*
 * Service-hall appointments (预约) with a waitlist, and ratings (好差评) with follow-ups and
 * statistics. Calendar dates are YYYY-MM-DD and slot times HH:MM, both in China time (the hall's
 * wall clock); instants are ISO-8601 UTC. Halls, services, windows and tickets are the hall
 * domain's (contract halls.ts); this contract names them by id only.
 */

/** HH:MM on the hall's wall clock (00:00–23:59). */
export const SlotTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为HH:MM' });
export type SlotTime = z.infer<typeof SlotTime>;

export const HallIdParams = z.object({ hallId: EntityId });
export type HallIdParams = z.infer<typeof HallIdParams>;

export const HallItemParams = z.object({ hallId: EntityId, id: EntityId });
export type HallItemParams = z.infer<typeof HallItemParams>;

export const SlotsQuery = z.object({ serviceId: EntityId, date: IsoDate });
export type SlotsQuery = z.infer<typeof SlotsQuery>;

export const Slot = z.object({
  start: SlotTime,
  end: SlotTime,
  capacity: z.number().int().nonnegative(),
  /** Places taken (booked or checked in). */
  booked: z.number().int().nonnegative(),
  available: z.number().int().nonnegative(),
  /** People on this slot's waitlist. */
  waiting: z.number().int().nonnegative(),
  /** Whether a booking (or, when full, a waitlist place) can be asked for now. */
  bookable: z.boolean(),
});
export type Slot = z.infer<typeof Slot>;

export const SlotsResponse = z.object({
  hallId: z.string(),
  serviceId: z.string(),
  date: IsoDate,
  /** false: the hall is closed that day (holiday, weekday without hours); slots is empty. */
  open: z.boolean(),
  /** The first and last day bookable now (1..N working days ahead). */
  bookableFrom: IsoDate,
  bookableTo: IsoDate,
  slots: z.array(Slot),
});
export type SlotsResponse = z.infer<typeof SlotsResponse>;

/**
 * booked → checked_in (arrived within the slot ± tolerance, took a ranked ticket) or no_show (not by
 * the slot's end + tolerance); cancelled by the holder; declined = a place offered from the
 * waitlist that the person turned down.
 */
export const AppointmentStatus = z.enum(['booked', 'checked_in', 'no_show', 'cancelled', 'declined']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const AppointmentSource = z.enum(['booking', 'waitlist']);
export type AppointmentSource = z.infer<typeof AppointmentSource>;

export const Appointment = z.object({
  id: z.string(),
  hallId: z.string(),
  serviceId: z.string(),
  personId: z.string(),
  /** Masked (张*三); never the full name or ID number. */
  maskedName: z.string(),
  date: IsoDate,
  start: SlotTime,
  end: SlotTime,
  status: AppointmentStatus,
  /** waitlist: the place was given from the waitlist (the holder may decline it). */
  source: AppointmentSource,
  createdAt: z.string(),
  /** Cancelling or rescheduling is refused (TOO_LATE_TO_CANCEL) from this instant on. */
  cancellableUntil: z.string(),
  checkedInAt: z.string().nullable(),
});
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentResponse = z.object({ appointment: Appointment });
export type AppointmentResponse = z.infer<typeof AppointmentResponse>;

export const CreateAppointmentRequest = z.object({
  hallId: EntityId,
  serviceId: EntityId,
  date: IsoDate,
  start: SlotTime,
  /** A family member (identity's resolveSubject); omitted = the caller. */
  personId: EntityId.optional(),
});
export type CreateAppointmentRequest = z.infer<typeof CreateAppointmentRequest>;

export const RescheduleAppointmentRequest = z.object({ date: IsoDate, start: SlotTime });
export type RescheduleAppointmentRequest = z.infer<typeof RescheduleAppointmentRequest>;

export const WaitlistStatus = z.enum(['waiting', 'offered', 'left', 'skipped', 'expired']);
export type WaitlistStatus = z.infer<typeof WaitlistStatus>;

export const WaitlistEntry = z.object({
  id: z.string(),
  hallId: z.string(),
  serviceId: z.string(),
  personId: z.string(),
  maskedName: z.string(),
  date: IsoDate,
  start: SlotTime,
  end: SlotTime,
  status: WaitlistStatus,
  /** 1 = next to get a freed place; null once no longer waiting. */
  position: z.number().int().positive().nullable(),
  joinedAt: z.string(),
  /** The appointment a freed place became (status offered). */
  appointmentId: z.string().nullable(),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const JoinWaitlistRequest = CreateAppointmentRequest;
export type JoinWaitlistRequest = z.infer<typeof JoinWaitlistRequest>;

/** Joining a slot that has a place free books it at once (appointment set, entry null). */
export const JoinWaitlistResponse = z.object({ entry: WaitlistEntry.nullable(), appointment: Appointment.nullable() });
export type JoinWaitlistResponse = z.infer<typeof JoinWaitlistResponse>;

export const WaitlistEntryResponse = z.object({ entry: WaitlistEntry });
export type WaitlistEntryResponse = z.infer<typeof WaitlistEntryResponse>;

export const MyAppointmentsQuery = z.object({
  /** One family member; omitted = the caller and their whole family. */
  personId: EntityId.optional(),
  /** upcoming (default): booked or checked in, today or later; all: the last 90 days too. */
  scope: z.enum(['upcoming', 'all']).optional(),
});
export type MyAppointmentsQuery = z.infer<typeof MyAppointmentsQuery>;

export const MyAppointmentsResponse = z.object({ items: z.array(Appointment), waitlist: z.array(WaitlistEntry) });
export type MyAppointmentsResponse = z.infer<typeof MyAppointmentsResponse>;

export const HallAppointmentsQuery = z.object({ date: IsoDate, serviceId: EntityId.optional() });
export type HallAppointmentsQuery = z.infer<typeof HallAppointmentsQuery>;

export const HallAppointmentsResponse = z.object({ items: z.array(Appointment) });
export type HallAppointmentsResponse = z.infer<typeof HallAppointmentsResponse>;

/** details of 403 NO_SHOW_BLOCKED. */
export const NoShowBlockedDetails = z.object({ blockedUntil: IsoDate, noShows: z.number().int() });
export type NoShowBlockedDetails = z.infer<typeof NoShowBlockedDetails>;

/* ---- Ratings (好差评) ---- */

/** Best first. The bottom two are 差评 and open a follow-up for the hall manager. */
export const ratingGrades = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export const RatingGrade = z.enum(ratingGrades);
export type RatingGrade = z.infer<typeof RatingGrade>;

export const RATING_GRADE_LABELS: Record<RatingGrade, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  neutral: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

/** 5 (非常满意) … 1 (非常不满意). */
export function ratingScore(grade: RatingGrade): number {
  return 5 - ratingGrades.indexOf(grade);
}

export function isPoorRating(grade: RatingGrade): boolean {
  return grade === 'dissatisfied' || grade === 'very_dissatisfied';
}

/** Tags a page offers (a client may send others, each a short line). */
export const SUGGESTED_RATING_TAGS = ['办事快', '态度好', '一次办成', '指引清楚', '等候太久', '材料要求不清', '态度不好', '多次跑腿'] as const;

export const RateVisitRequest = z.object({
  grade: RatingGrade,
  tags: z.array(safeText().trim().min(1).max(16)).max(8).optional(),
  comment: safeMultilineText().trim().max(300).optional(),
});
export type RateVisitRequest = z.infer<typeof RateVisitRequest>;

export const FollowUpStatus = z.enum(['open', 'closed']);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

export const RatingFollowUp = z.object({
  id: z.string(),
  ratingId: z.string(),
  hallId: z.string(),
  status: FollowUpStatus,
  /** The manager must answer by then (N working days after the rating). */
  dueAt: z.string(),
  /** Still open past dueAt, or closed after it. */
  overdue: z.boolean(),
  note: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RatingFollowUp = z.infer<typeof RatingFollowUp>;

export const VisitRating = z.object({
  id: z.string(),
  ticketId: z.string(),
  hallId: z.string(),
  serviceId: z.string(),
  windowId: z.string().nullable(),
  grade: RatingGrade,
  tags: z.array(z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
  followUp: RatingFollowUp.nullable(),
});
export type VisitRating = z.infer<typeof VisitRating>;

export const VisitRatingResponse = z.object({ rating: VisitRating });
export type VisitRatingResponse = z.infer<typeof VisitRatingResponse>;

export const FollowUpListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>;

/** A follow-up with the rating it answers (for the manager's list). */
export const FollowUpItem = RatingFollowUp.extend({ rating: VisitRating.omit({ followUp: true }) });
export type FollowUpItem = z.infer<typeof FollowUpItem>;

export const FollowUpListResponse = z.object({ items: z.array(FollowUpItem) });
export type FollowUpListResponse = z.infer<typeof FollowUpListResponse>;

export const CloseFollowUpRequest = z.object({ note: safeMultilineText().trim().min(1, { message: '请填写回访处理情况' }).max(500) });
export type CloseFollowUpRequest = z.infer<typeof CloseFollowUpRequest>;

export const FollowUpResponse = z.object({ followUp: RatingFollowUp });
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;

export const HallStatsQuery = z.object({ from: IsoDate, to: IsoDate });
export type HallStatsQuery = z.infer<typeof HallStatsQuery>;

export const HallStatsRow = z.object({
  /** A service id or window id. */
  id: z.string(),
  served: z.number().int().nonnegative(),
  avgWaitMinutes: z.number().nullable(),
  avgServiceMinutes: z.number().nullable(),
  /** Appointment no-shows (services) or ticket no-shows at the window (windows). */
  noShows: z.number().int().nonnegative(),
  ratings: z.number().int().nonnegative(),
  /** Share of 非常满意 + 满意 among ratings (0..1); null without ratings. */
  satisfaction: z.number().nullable(),
  /** Mean score 1..5; null without ratings. */
  averageScore: z.number().nullable(),
  poorRatings: z.number().int().nonnegative(),
  /** How far the ETAs given were off (|ETA − actual call|), when the queue recorded them. */
  etaErrorP50Minutes: z.number().nullable(),
  etaErrorP90Minutes: z.number().nullable(),
});
export type HallStatsRow = z.infer<typeof HallStatsRow>;

export const HallStatsResponse = z.object({
  hallId: z.string(),
  from: IsoDate,
  to: IsoDate,
  services: z.array(HallStatsRow),
  windows: z.array(HallStatsRow),
  followUps: z.object({ open: z.number().int(), overdue: z.number().int() }),
});
export type HallStatsResponse = z.infer<typeof HallStatsResponse>;
