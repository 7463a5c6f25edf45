import { IsoDate } from '@govpass/shared-types';
import type { HealthStatusService } from '../status/health-status-service';
import type { HealthStore } from '../store/health-store';

export interface ExposureReport {
  personId: string;
  /** China date of the visit. */
  date: string;
  /** Where it came from, e.g. venue:<venue id>; the same (person, date, source) twice counts once. */
  source: string;
}

/** Tracing exposures (the venue check-in domain reports them); each new one re-evaluates its person. */
export class ExposureService {
  constructor(
    private readonly store: HealthStore,
    private readonly status: HealthStatusService,
    private readonly now: () => number,
  ) {}

  /** Returns how many persons changed colour. */
  async recordExposures(reports: readonly ExposureReport[], actor = 'system'): Promise<{ recorded: number; changed: number }> {
    const fresh: string[] = [];
    let recorded = 0;
    for (const r of reports) {
      IsoDate.parse(r.date);
      const idHash = await this.store.idHashOf(r.personId);
      if (!idHash) continue;
      const added = await this.store.addExposures([{ idHash, date: r.date, source: r.source.slice(0, 128) }], this.now());
      if (added > 0) {
        recorded += added;
        fresh.push(r.personId);
      }
    }
    const changed = await this.status.recomputeMany(fresh, 'exposure', actor);
    return { recorded, changed };
  }
}
