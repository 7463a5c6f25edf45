import type { EtaErrorResponse, HallDetailResponse, HallListQuery, HallSummary } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { addDays, chinaDateOf } from '../../../core/china-date';
import type { QueueReader } from '../queue/queue-reader';
import type { SqlTicketStore } from '../queue/sql-ticket-store';
import type { HallDirectory, HallSnapshot } from './hall-directory';
import { distanceMetres, isOpenAt, todayHours } from './opening-hours';

/** The public side of the registry: halls with services, hours, distance and today's waiting counts. */
export class HallReadService {
  constructor(
    private readonly directory: HallDirectory,
    private readonly reader: QueueReader,
    private readonly sink: SqlTicketStore,
    private readonly now: () => number,
  ) {}

  private async summary(snap: HallSnapshot, from: { lat: number; lng: number } | null): Promise<HallSummary> {
    const now = this.now();
    const q = await this.reader.view(snap, chinaDateOf(now));
    const services = snap.services.map((s) => ({ ...s, waiting: q.order.get(s.id)?.length ?? 0 }));
    const distance = from && snap.hall.location ? Math.round(distanceMetres(from, snap.hall.location)) : null;
    return { ...snap.hall, services, openNow: isOpenAt(snap.hall, now), todayHours: todayHours(snap.hall, now), distanceMetres: distance };
  }

  async list(query: HallListQuery): Promise<HallSummary[]> {
    const from = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
    const halls = (await this.directory.listHalls()).filter((h) => !query.district || h.district === query.district);
    const out: HallSummary[] = [];
    for (const h of halls) {
      const snap = await this.directory.snapshot(h.id);
      if (snap) out.push(await this.summary(snap, from));
    }
    if (from) out.sort((a, b) => (a.distanceMetres ?? Infinity) - (b.distanceMetres ?? Infinity));
    return out;
  }

  async detail(hallId: string): Promise<HallDetailResponse> {
    const snap = await this.directory.snapshot(hallId);
    if (!snap) throw new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
    return { hall: await this.summary(snap, null), windows: snap.windows };
  }

  /** How far the ETAs given at taking were from the first call, per service, over the last days. */
  async etaError(hallId: string, days: number): Promise<EtaErrorResponse> {
    const snap = await this.directory.snapshot(hallId);
    if (!snap) throw new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
    const samples = await this.sink.etaSamples(hallId, addDays(chinaDateOf(this.now()), 1 - days));
    const services = snap.services.map((s) => {
      const mine = samples.filter((x) => x.serviceId === s.id);
      const errors = mine.map((x) => Math.abs(x.etaP50Min - x.actualMin)).sort((a, b) => a - b);
      const round = (v: number) => Math.round(v * 10) / 10;
      return {
        serviceId: s.id,
        serviceName: s.name,
        samples: mine.length,
        meanAbsErrorMin: errors.length ? round(errors.reduce((a, b) => a + b, 0) / errors.length) : 0,
        p90AbsErrorMin: errors.length ? round(errors[Math.min(errors.length - 1, Math.floor(errors.length * 0.9))]) : 0,
        withinP90Share: mine.length ? round(mine.filter((x) => x.actualMin <= x.etaP90Min).length / mine.length) : 0,
      };
    });
    return { hallId, days, services };
  }
}
