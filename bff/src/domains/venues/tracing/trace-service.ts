import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateTraceRequest, ExposedPerson, TraceReport, TraceResponse, TraceVenue } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { StoredVenue } from '../store/venue-store';
import type { VenueHealthPort, VenueNotifier, VenuePersonDirectory } from '../venues-ports';
import type { CheckinRow, SqlTraceStore } from './sql-trace-store';

export interface TraceMargins {
  beforeMs: number;
  afterMs: number;
}

export interface TraceOperator {
  actor: string;
  requestId: string | null;
}

/** Queries and exposure reports in flight at once (a trace must not take the whole pool). */
const PARALLEL = 6;

/** fn over items, at most `limit` at a time, results in order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

interface Exposure {
  personId: string;
  venue: StoredVenue;
  at: number;
}

/**
 * Contact tracing (流调): the case's check-ins in the infectious window; everyone else at each of
 * those venues from `beforeMs` before to `afterMs` after becomes exposed (health: yellow with the
 * exposure rule; notified). The same case and window is one trace: a re-run recomputes the report,
 * records only new exposures, and notifies nobody twice.
 */
export class TraceService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly store: SqlTraceStore,
    private readonly venues: { findMany(ids: readonly string[]): Promise<StoredVenue[]> },
    private readonly directory: VenuePersonDirectory,
    private readonly health: VenueHealthPort,
    private readonly notifier: VenueNotifier,
    private readonly audit: AuditLog,
    private readonly margins: TraceMargins,
    private readonly now: () => number,
  ) {}

  async trace(op: TraceOperator, req: CreateTraceRequest): Promise<TraceResponse> {
    const casePersonId = await this.directory.findByIdNumber(req.idNumber);
    if (!casePersonId) throw new AppError(404, 'PERSON_NOT_FOUND', 'No person with this ID number');
    const from = Date.parse(req.from);
    const until = Date.parse(req.until);
    const prior = await this.store.findByCase(casePersonId, from, until);
    const id = prior?.id ?? randomUUID();
    const at = this.now();
    const { venues, exposures } = await this.findExposures(casePersonId, from, until);
    const newlyExposed = await this.expose(id, exposures, op.actor);
    const report = await this.report(id, casePersonId, req, prior?.report.createdAt ?? new Date(at).toISOString(), at, venues, exposures);
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.store.save({ id, casePersonId, from, until, note: req.note ?? null, actor: op.actor, at, report, isNew: !prior }, trx);
        await this.audit.record({ actor: op.actor, action: prior ? 'venues.trace_rerun' : 'venues.trace', targetType: 'trace', targetId: id, requestId: op.requestId, details: { venues: venues.length, exposed: report.exposedCount, newlyExposed } }, trx);
      });
    } catch (err) {
      // Two officials traced the same case and window at once: the other run's trace stands (same exposures).
      if (!prior && isUniqueViolation(err)) return this.trace(op, req);
      throw err;
    }
    return { trace: report, rerun: prior !== null, newlyExposed };
  }

  async get(id: string): Promise<TraceResponse> {
    const t = await this.store.findById(id);
    if (!t) throw new AppError(404, 'TRACE_NOT_FOUND', 'No such trace');
    return { trace: t.report, rerun: false, newlyExposed: 0 };
  }

  private async findExposures(casePersonId: string, from: number, until: number): Promise<{ venues: { row: CheckinRow; venue: StoredVenue; exposed: Exposure[] }[]; exposures: Exposure[] }> {
    const caseRows = await this.store.checkinsOf(casePersonId, from, until);
    const known = new Map((await this.venues.findMany([...new Set(caseRows.map((r) => r.venueId))])).map((v) => [v.id, v]));
    const venues = await mapBounded(
      caseRows.filter((row) => known.has(row.venueId)),
      PARALLEL,
      async (row) => {
        const venue = known.get(row.venueId) as StoredVenue;
        const others = await this.store.checkinsAt(row.venueId, row.at - this.margins.beforeMs, row.at + this.margins.afterMs);
        return { row, venue, exposed: others.filter((o) => o.personId !== casePersonId).map((o) => ({ personId: o.personId, venue, at: o.at })) };
      },
    );
    const all = venues.flatMap((v) => v.exposed);
    // One person at one venue at one time is one exposure, however many case visits overlap it.
    const unique = new Map(all.map((e) => [`${e.personId}|${e.venue.id}|${e.at}`, e]));
    return { venues, exposures: [...unique.values()] };
  }

  /** Records exposures person by person; notifies those the exposure did not change (already yellow/red). Returns people newly exposed. */
  private async expose(traceId: string, exposures: readonly Exposure[], actor: string): Promise<number> {
    const byPerson = new Map<string, Exposure[]>();
    for (const e of exposures) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
    const outcomes = await mapBounded([...byPerson], PARALLEL, async ([personId, list]) => {
      const reports = list.map((e) => ({ personId, date: chinaDateOf(e.at), source: `venue:${e.venue.id}@${e.at}|${visitText(e.venue.name, e.at)}` }));
      const { recorded, changed } = await this.health.recordExposures(reports, actor);
      if (recorded === 0) return 0;
      if (changed > 0) return 1; // the colour change was told by the health domain's notifier
      const first = list[0];
      const { colour } = await this.health.statusOf(personId);
      await this.notifier.exposureNotice({ personId, colour, reason: exposureReason(first.venue.name, first.at), at: this.now(), dedupeKey: `trace:${traceId}:${personId}` });
      return 1;
    });
    const fresh = outcomes.reduce<number>((a, b) => a + b, 0);
    return fresh;
  }

  private async report(
    id: string,
    casePersonId: string,
    req: CreateTraceRequest,
    createdAt: string,
    at: number,
    venues: { row: CheckinRow; venue: StoredVenue; exposed: Exposure[] }[],
    exposures: readonly Exposure[],
  ): Promise<TraceReport> {
    const caseIdentity = await this.directory.maskedIdentity(casePersonId);
    const ids = [...new Set(exposures.map((e) => e.personId))];
    const names = new Map(await mapBounded(ids, PARALLEL, async (pid) => [pid, (await this.directory.maskedIdentity(pid)).name] as const));
    const traceVenues: TraceVenue[] = venues.map((v) => ({
      venueId: v.venue.id,
      venueName: v.venue.name,
      district: v.venue.district,
      caseCheckedInAt: iso(v.row.at),
      windowFrom: iso(v.row.at - this.margins.beforeMs),
      windowUntil: iso(v.row.at + this.margins.afterMs),
      exposedCount: new Set(v.exposed.map((e) => e.personId)).size,
    }));
    const exposed: ExposedPerson[] = [...exposures]
      .sort((a, b) => a.at - b.at || a.personId.localeCompare(b.personId))
      .map((e) => ({ personId: e.personId, maskedName: names.get(e.personId) ?? '*', venueId: e.venue.id, venueName: e.venue.name, checkedInAt: iso(e.at) }));
    return {
      id,
      caseMaskedName: caseIdentity.name,
      caseMaskedIdNumber: caseIdentity.idNumber,
      from: iso(Date.parse(req.from)),
      until: iso(Date.parse(req.until)),
      note: req.note ?? null,
      createdAt,
      ranAt: iso(at),
      venues: traceVenues,
      exposed,
      exposedCount: names.size,
    };
  }
}

/** 12月03日 14:05 某某超市: where and when, China time (the health reason shows it). */
export function visitText(venueName: string, at: number): string {
  const t = new Date(at + 8 * 3_600_000).toISOString();
  return `${t.slice(5, 7)}月${t.slice(8, 10)}日 ${t.slice(11, 16)} ${venueName}`;
}

/** 您12-03 14:05到过某某超市（有病例活动）: the venue and time, China time, ≤ 64 characters. */
export function exposureReason(venueName: string, at: number): string {
  const t = new Date(at + 8 * 3_600_000).toISOString();
  return `您${t.slice(5, 10)} ${t.slice(11, 16)}到过${venueName}（有病例活动）`.slice(0, 64);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
