import { z } from 'zod';
import { EntityId } from './common';
import { IsoDate } from './masks';
import { safeMultilineText, safeText } from './safe-text';

/*
 * Service halls (政务服务中心): the registry of halls, their services (事项) and windows (窗口).
 * Calendar dates are YYYY-MM-DD and clock times HH:MM, both in China time (UTC+8); instants are
 * ISO-8601 UTC. Tickets, the window console and the display board are in ./hall-tickets.
 */

/** HH:MM, 24-hour clock, China time. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为HH:MM' });
export type ClockTime = z.infer<typeof ClockTime>;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);
export type Weekday = z.infer<typeof Weekday>;

/**
 * One opening period on a weekday. A weekday may have several (morning and afternoon around a
 * lunch break); a weekday with none is closed.
 */
export const OpeningPeriod = z
  .object({ weekday: Weekday, open: ClockTime, close: ClockTime })
  .refine((p) => p.open < p.close, { message: '开门时间应早于关门时间', path: ['close'] });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

export const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
export type GeoPoint = z.infer<typeof GeoPoint>;

const Name = safeText({ message: '请填写名称' }).trim().min(1, { message: '请填写名称' }).max(64, { message: '名称不超过64字' });
const LongText = safeText().trim().min(1).max(200);

export const HallInput = z.object({
  name: Name,
  address: LongText,
  /** District name or 6-digit code (行政区划). */
  district: safeText().trim().min(2).max(40),
  location: GeoPoint.nullable(),
  openingHours: z.array(OpeningPeriod).max(28),
  /** Holidays and other closed days (YYYY-MM-DD), overriding the weekly hours. */
  closedDays: z.array(IsoDate).max(400),
  /** Whether citizens may take a ticket from their phone (within opening hours and the distance limit). */
  remoteTickets: z.boolean().default(true),
});
export type HallInput = z.input<typeof HallInput>;

export const Hall = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  district: z.string(),
  location: GeoPoint.nullable(),
  openingHours: z.array(OpeningPeriod),
  closedDays: z.array(IsoDate),
  remoteTickets: z.boolean(),
});
export type Hall = z.infer<typeof Hall>;

export const MaterialItem = z.object({
  name: safeText().trim().min(1).max(100),
  required: z.boolean(),
  note: safeText().trim().max(200).nullable().default(null),
});
export type MaterialItem = z.infer<typeof MaterialItem>;

/** Whether a service is booked ahead: required (walk-ins refused), allowed, or off (walk-in only). */
export const AppointmentMode = z.enum(['required', 'allowed', 'off']);
export type AppointmentMode = z.infer<typeof AppointmentMode>;

/** One capital letter (A, B, …) before the ticket number: A012. Unique within a hall. */
export const TicketPrefix = z.string().regex(/^[A-Z]$/, { message: '号码前缀应为一个大写字母' });

export const ServiceInput = z.object({
  name: Name,
  category: safeText().trim().min(1).max(40),
  materials: z.array(MaterialItem).max(50),
  /** Expected handling time, used for the ETA until enough real service times are measured. */
  expectedMinutes: z.number().int().min(1).max(240),
  ticketPrefix: TicketPrefix,
  appointmentMode: AppointmentMode,
});
export type ServiceInput = z.input<typeof ServiceInput>;

export const HallService = z.object({
  id: z.string(),
  hallId: z.string(),
  name: z.string(),
  category: z.string(),
  materials: z.array(MaterialItem),
  expectedMinutes: z.number().int(),
  ticketPrefix: z.string(),
  appointmentMode: AppointmentMode,
});
export type HallService = z.infer<typeof HallService>;

/** open: calling; paused: staff away for a while (not counted for ETAs); closed: not staffed. */
export const WindowStatus = z.enum(['open', 'paused', 'closed']);
export type WindowStatus = z.infer<typeof WindowStatus>;

export const WindowInput = z.object({
  number: z.number().int().min(1).max(999),
  name: safeText().trim().min(1).max(40),
  serviceIds: z.array(EntityId).min(1).max(50),
  status: WindowStatus.default('closed'),
});
export type WindowInput = z.input<typeof WindowInput>;

export const HallWindow = z.object({
  id: z.string(),
  hallId: z.string(),
  number: z.number().int(),
  name: z.string(),
  serviceIds: z.array(z.string()),
  status: WindowStatus,
});
export type HallWindow = z.infer<typeof HallWindow>;

// ---------------------------------------------------------------- public reads

export const HallListQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  district: safeText().trim().min(1).max(40).optional(),
});
export type HallListQuery = z.infer<typeof HallListQuery>;

export const ServiceWithWaiting = HallService.extend({
  /** Tickets of this service waiting now (today). */
  waiting: z.number().int(),
});
export type ServiceWithWaiting = z.infer<typeof ServiceWithWaiting>;

export const HallSummary = Hall.extend({
  services: z.array(ServiceWithWaiting),
  /** Open right now (China time), by the weekly hours and closed days. */
  openNow: z.boolean(),
  /** Today's opening periods (empty when closed today). */
  todayHours: z.array(z.object({ open: ClockTime, close: ClockTime })),
  /** Metres from the given lat/lng; null when none was given or the hall has no location. */
  distanceMetres: z.number().nullable(),
});
export type HallSummary = z.infer<typeof HallSummary>;

export const HallListResponse = z.object({ items: z.array(HallSummary) });
export type HallListResponse = z.infer<typeof HallListResponse>;

export const HallParams = z.object({ hallId: EntityId });
export type HallParams = z.infer<typeof HallParams>;
export const WindowParams = z.object({ windowId: EntityId });
export type WindowParams = z.infer<typeof WindowParams>;
export const ServiceParams = z.object({ serviceId: EntityId });
export type ServiceParams = z.infer<typeof ServiceParams>;

export const HallDetailResponse = z.object({
  hall: HallSummary,
  windows: z.array(HallWindow),
});
export type HallDetailResponse = z.infer<typeof HallDetailResponse>;

// ---------------------------------------------------------------- admin

export const HallResponse = z.object({ hall: Hall });
export type HallResponse = z.infer<typeof HallResponse>;
export const HallServiceResponse = z.object({ service: HallService });
export type HallServiceResponse = z.infer<typeof HallServiceResponse>;
export const HallWindowResponse = z.object({ window: HallWindow });
export type HallWindowResponse = z.infer<typeof HallWindowResponse>;

export const AdminHallResponse = z.object({
  hall: Hall,
  services: z.array(HallService),
  windows: z.array(HallWindow),
});
export type AdminHallResponse = z.infer<typeof AdminHallResponse>;
export const AdminHallListResponse = z.object({ items: z.array(Hall) });
export type AdminHallListResponse = z.infer<typeof AdminHallListResponse>;

/**
 * CSV import, all rows or none (422 IMPORT_INVALID with `details: [{line, message}]`). One header
 * line `kind,hallId,id,name,a,b,c,d,e` and rows by kind (docs/hall.md):
 * - `hall,<hallId>,,<name>,<address>,<district>,<lat lng|empty>,<hours>,<closed days>` with hours
 *   `1-5 09:00-12:00 13:30-17:00;6 09:00-12:00` and closed days `2026-10-01 2026-10-02`;
 * - `service,<hallId>,<serviceId>,<name>,<category>,<prefix>,<minutes>,<required|allowed|off>,<materials>`
 *   with materials `身份证*|户口本|照片(近期)` (`*` = required, note in parentheses);
 * - `window,<hallId>,<windowId>,<name>,<number>,<serviceId serviceId…>,<open|closed>,,`.
 * Existing ids are updated, new ones created.
 */
export const ImportHallsRequest = z.object({ csv: safeMultilineText().min(1).max(2_000_000) });
export type ImportHallsRequest = z.infer<typeof ImportHallsRequest>;
export const ImportHallsResponse = z.object({ halls: z.number().int(), services: z.number().int(), windows: z.number().int() });
export type ImportHallsResponse = z.infer<typeof ImportHallsResponse>;
