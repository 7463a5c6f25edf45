import type { HallStatsQuery, HallStatsResponse, HallStatsRow } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { addDays, chinaMidnight } from '../../../core/china-date';
import type { HallVisitStats, VisitFigures } from '../appointment-ports';
import type { AppointmentStore } from '../appointment-store';
import type { RatingFigures, RatingStore } from './rating-store';

const MAX_DAYS = 366;
const round2 = (n: number) => Math.round(n * 100) / 100;

function row(id: string, v: VisitFigures | undefined, r: RatingFigures | undefined, noShows: number): HallStatsRow {
  const ratings = r?.ratings ?? 0;
  return {
    id,
    served: v?.served ?? 0,
    avgWaitMinutes: v?.avgWaitMinutes ?? null,
    avgServiceMinutes: v?.avgServiceMinutes ?? null,
    noShows,
    ratings,
    satisfaction: ratings > 0 ? round2((r?.satisfied ?? 0) / ratings) : null,
    averageScore: ratings > 0 ? round2((r?.scoreSum ?? 0) / ratings) : null,
    poorRatings: r?.poor ?? 0,
    etaErrorP50Minutes: v?.etaErrorP50Minutes ?? null,
    etaErrorP90Minutes: v?.etaErrorP90Minutes ?? null,
  };
}

/**
 * Managers' figures per service and per window for [from, to] (China dates, inclusive): what the
 * queue measured (served, wait, service time, ticket no-shows, ETA error) through the
 * HallVisitStats port, joined with ratings and appointment no-shows kept here.
 */
export class HallStatsService {
  constructor(
    private readonly ratings: RatingStore,
    private readonly appointments: AppointmentStore,
    private readonly visits: HallVisitStats,
    private readonly now: () => number,
  ) {}

  async stats(hallId: string, q: HallStatsQuery): Promise<HallStatsResponse> {
    if (q.to < q.from) throw new AppError(400, 'VALIDATION_FAILED', '"to" is before "from"', { details: [{ path: 'to', message: '结束日期不能早于开始日期' }] });
    const fromMs = chinaMidnight(q.from);
    const toMs = chinaMidnight(addDays(q.to, 1));
    if (toMs - fromMs > MAX_DAYS * 86_400_000) throw new AppError(400, 'VALIDATION_FAILED', 'At most a year at once', { details: [{ path: 'to', message: '最多统计一年' }] });
    const [visits, byService, byWindow, apptNoShows, followUps] = await Promise.all([
      this.visits.visitStats(hallId, fromMs, toMs),
      this.ratings.figures(hallId, fromMs, toMs, 'service_id'),
      this.ratings.figures(hallId, fromMs, toMs, 'window_id'),
      this.appointments.noShowsPerService(hallId, fromMs, toMs),
      this.ratings.followUpCounts(hallId, this.now()),
    ]);
    const services = this.rows(visits.services, byService, (id) => apptNoShows.get(id) ?? 0, [...apptNoShows.keys()]);
    const windows = this.rows(visits.windows, byWindow, (id) => visits.windows.find((w) => w.id === id)?.noShows ?? 0, []);
    return { hallId, from: q.from, to: q.to, services, windows, followUps };
  }

  private rows(visits: VisitFigures[], ratings: RatingFigures[], noShows: (id: string) => number, extraIds: string[]): HallStatsRow[] {
    const ids = [...new Set([...visits.map((v) => v.id), ...ratings.map((r) => r.id), ...extraIds])].sort();
    return ids.map((id) => row(id, visits.find((v) => v.id === id), ratings.find((r) => r.id === id), noShows(id)));
  }
}
