import { z } from 'zod';
import { IdParams } from './common';
import { IdNumber } from './identity';
import { IsoInstant } from './masks';
import { safeText } from './safe-text';
import type { OperationContract } from './routes';

/*
 * Contact tracing (流调) by health officials: mark a case by ID number with an infectious window;
 * the case's check-ins in the window and everyone checked in at the same venue from a margin before
 * to a margin after each (config) become exposed (yellow, notified). Re-running is idempotent: the
 * same case and window answer the same trace, nobody is notified twice.
 */

export const CreateTraceRequest = z
  .object({
    idNumber: IdNumber,
    /** Start and end of the infectious window (instants with offset). */
    from: IsoInstant,
    until: IsoInstant,
    note: safeText().trim().max(200, { message: '备注不超过200字' }).optional(),
  })
  .refine((t) => Date.parse(t.from) < Date.parse(t.until), { message: '结束时间应晚于开始时间', path: ['until'], when: (p) => p.issues.length === 0 })
  .refine((t) => Date.parse(t.until) - Date.parse(t.from) <= 30 * 86_400_000, { message: '传染期不超过30天', path: ['until'], when: (p) => p.issues.length === 0 });
export type CreateTraceRequest = z.infer<typeof CreateTraceRequest>;

/** One check-in of the case and the people exposed by it. */
export const TraceVenue = z.object({
  venueId: z.string(),
  venueName: z.string(),
  district: z.string(),
  /** When the case checked in. */
  caseCheckedInAt: z.string(),
  /** The exposure window at the venue: margin before … margin after the case's check-in. */
  windowFrom: z.string(),
  windowUntil: z.string(),
  exposedCount: z.number().int(),
});
export type TraceVenue = z.infer<typeof TraceVenue>;

export const ExposedPerson = z.object({
  personId: z.string(),
  /** Masked name only (李*); identities stay with officials' tools, never in a manager's view. */
  maskedName: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  /** The exposed person's own check-in time. */
  checkedInAt: z.string(),
});
export type ExposedPerson = z.infer<typeof ExposedPerson>;

export const TraceReport = z.object({
  id: z.string(),
  caseMaskedName: z.string(),
  caseMaskedIdNumber: z.string(),
  from: z.string(),
  until: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  /** When the trace last ran (a re-run updates it). */
  ranAt: z.string(),
  venues: z.array(TraceVenue),
  exposed: z.array(ExposedPerson),
  /** Distinct people exposed. */
  exposedCount: z.number().int(),
});
export type TraceReport = z.infer<typeof TraceReport>;

export const TraceResponse = z.object({
  trace: TraceReport,
  /** True when this case and window had been traced before (same id, nobody notified twice). */
  rerun: z.boolean(),
  /** People newly made exposed by this run. */
  newlyExposed: z.number().int(),
});
export type TraceResponse = z.infer<typeof TraceResponse>;

export const TraceIdParams = IdParams;

const OFFICIALS = ['health_official', 'admin'] as const;

/** The tracing API as data. */
export const tracingRoutes = {
  createTrace: {
    method: 'POST',
    path: '/api/v1/health/traces',
    summary: 'Trace a case (by ID number) over an infectious window; exposed people turn yellow and are notified (officials, audited, idempotent)',
    auth: true,
    roles: [...OFFICIALS],
    body: CreateTraceRequest,
    response: TraceResponse,
    status: 201,
    errors: { 404: ['PERSON_NOT_FOUND'] },
  },
  getTrace: {
    method: 'GET',
    path: '/api/v1/health/traces/:id',
    summary: 'A trace report: venues, counts and exposed people as masked names (officials)',
    auth: true,
    roles: [...OFFICIALS],
    params: TraceIdParams,
    response: TraceResponse,
    errors: { 404: ['TRACE_NOT_FOUND'] },
  },
  exportTrace: {
    method: 'GET',
    path: '/api/v1/health/traces/:id/csv',
    summary: 'A trace report as CSV (officials, audited)',
    auth: true,
    roles: [...OFFICIALS],
    params: TraceIdParams,
    response: z.string(),
    contentType: 'text/csv',
    errors: { 404: ['TRACE_NOT_FOUND'] },
  },
} as const satisfies Record<string, OperationContract>;
