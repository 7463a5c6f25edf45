import type { CompletedVisits, HallDay, HallSchedule, HallVisitStats, OpeningPeriod, ServiceBooking, VisitRecord } from './appointment-ports';

export interface StaticHall {
  id: string;
  name: string;
  /** Per weekday, 0 = Sunday … 6 = Saturday; missing = closed. */
  hours: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, OpeningPeriod[]>>;
  closedDates?: string[];
  services: (ServiceBooking & { id: string })[];
}

/** Mon–Fri 09:00–12:00 and 13:30–17:00, the common hours of a 政务服务中心. */
export const OFFICE_HOURS: StaticHall['hours'] = Object.fromEntries(
  [1, 2, 3, 4, 5].map((d) => [d, [{ opens: '09:00', closes: '12:00' }, { opens: '13:30', closes: '17:00' }]]),
);

/**
 * HallSchedule from a fixed list: tests, and the embedded default before the hall registry is
 * wired. The hall domain's HallDirectory replaces it in app.ts.
 */
export class StaticHallSchedule implements HallSchedule {
  private readonly halls: Map<string, StaticHall>;

  constructor(halls: readonly StaticHall[]) {
    this.halls = new Map(halls.map((h) => [h.id, h]));
  }

  hallDay(hallId: string, date: string): Promise<HallDay | null> {
    const hall = this.halls.get(hallId);
    if (!hall) return Promise.resolve(null);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
    const periods = hall.closedDates?.includes(date) ? [] : (hall.hours[weekday] ?? []);
    return Promise.resolve({ hallName: hall.name, periods });
  }

  serviceBooking(hallId: string, serviceId: string): Promise<ServiceBooking | null> {
    const service = this.halls.get(hallId)?.services.find((s) => s.id === serviceId);
    if (!service) return Promise.resolve(null);
    const { id: _id, ...booking } = service;
    return Promise.resolve(booking);
  }

  serviceIds(hallId: string): Promise<string[] | null> {
    const hall = this.halls.get(hallId);
    return Promise.resolve(hall ? hall.services.map((s) => s.id) : null);
  }
}

/** Visits recorded by hand (tests), or none before the queue is wired. */
export class RecordedVisits implements CompletedVisits, HallVisitStats {
  private readonly visits = new Map<string, VisitRecord>();

  record(visit: VisitRecord): void {
    this.visits.set(visit.ticketId, visit);
  }

  visitOf(ticketId: string): Promise<VisitRecord | null> {
    return Promise.resolve(this.visits.get(ticketId) ?? null);
  }

  visitStats(hallId: string): ReturnType<HallVisitStats['visitStats']> {
    const served = new Map<string, number>();
    const windows = new Map<string, number>();
    for (const v of this.visits.values()) {
      if (v.hallId !== hallId || v.completedAt === null) continue;
      served.set(v.serviceId, (served.get(v.serviceId) ?? 0) + 1);
      if (v.windowId) windows.set(v.windowId, (windows.get(v.windowId) ?? 0) + 1);
    }
    const figures = (m: Map<string, number>) => [...m].map(([id, n]) => ({ id, served: n, avgWaitMinutes: null, avgServiceMinutes: null, noShows: 0, etaErrorP50Minutes: null, etaErrorP90Minutes: null }));
    return Promise.resolve({ services: figures(served), windows: figures(windows) });
  }
}
