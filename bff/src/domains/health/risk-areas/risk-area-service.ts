import { randomUUID } from 'node:crypto';
import type { HealthJob, RiskArea } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import type { Logger } from '../../../core/create-logger';
import { addDays } from '../../../core/china-date';
import type { HealthRules } from '../rules/health-rules-schema';
import type { HealthStatusService } from '../status/health-status-service';
import type { HealthJobStore } from '../store/health-job-store';
import type { HealthStore } from '../store/health-store';
import type { Operator } from '../imports/health-import-service';

const key = (a: RiskArea) => `${a.district}|${a.level}|${a.from}|${a.until ?? ''}`;

/** Districts whose entries differ between two sets: only travel through these can change a colour. */
export function changedDistricts(before: readonly RiskArea[], after: readonly RiskArea[]): string[] {
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  const districts = new Set<string>();
  for (const a of before) if (!now.has(key(a))) districts.add(a.district);
  for (const a of after) if (!was.has(key(a))) districts.add(a.district);
  return [...districts];
}

/**
 * Risk areas: replaced as a whole; the people whose declared travel names a changed district (within
 * the longest travel rule) are re-evaluated by a background job whose progress is in health_jobs.
 */
export class RiskAreaService {
  private readonly jobs = new Set<Promise<void>>();

  constructor(
    private readonly store: HealthStore,
    private readonly jobStore: HealthJobStore,
    private readonly status: HealthStatusService,
    private readonly rules: HealthRules,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  list(): Promise<RiskArea[]> {
    return this.store.riskAreas();
  }

  async replace(op: Operator, areas: readonly RiskArea[]): Promise<HealthJob> {
    this.checkWindows(areas);
    const jobId = randomUUID();
    const districts = await this.store.transaction(async (tx) => {
      const before = await tx.riskAreas();
      await tx.replaceRiskAreas(areas);
      const changed = changedDistricts(before, areas);
      await tx.audit({ actor: op.actor, action: 'health.set_risk_areas', targetType: 'health_job', targetId: jobId, requestId: op.requestId, details: { areas: areas.length, changedDistricts: changed.length } });
      return changed;
    });
    this.status.riskAreasChanged();
    const job = await this.jobStore.create(jobId, 'risk_areas', op.actor, this.now());
    const run = this.run(jobId, districts, op.actor).finally(() => this.jobs.delete(run));
    this.jobs.add(run);
    return job;
  }

  async job(id: string): Promise<HealthJob> {
    const job = await this.jobStore.find(id);
    if (!job) throw new AppError(404, 'JOB_NOT_FOUND', 'No such job');
    return job;
  }

  /** Waits for the jobs this process runs (app close, tests, the CLI before it exits). */
  async settle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.allSettled([...this.jobs]);
  }

  private async run(jobId: string, districts: string[], actor: string): Promise<void> {
    try {
      const since = addDays(this.status.today(), -this.longestTravelDays());
      const persons = districts.length > 0 ? await this.store.personIdsTravelledTo(districts, since) : [];
      await this.jobStore.update(jobId, { status: 'running', total: persons.length });
      const changed = await this.status.recomputeMany(persons, 'risk_areas', actor, (done, changedSoFar) => this.jobStore.update(jobId, { done, changed: changedSoFar }));
      await this.jobStore.update(jobId, { status: 'done', done: persons.length, changed, finished_at: this.now() });
    } catch (err) {
      this.logger.error({ err: String(err), jobId }, 'risk-area re-evaluation failed');
      await this.jobStore.update(jobId, { status: 'failed', finished_at: this.now() }).catch(() => undefined);
    }
  }

  private longestTravelDays(): number {
    return Math.max(0, ...this.rules.rules.filter((r) => r.when.kind === 'travel').map((r) => r.days ?? 0));
  }

  private checkWindows(areas: readonly RiskArea[]): void {
    const details = areas.flatMap((a, i) => (a.until !== null && a.until < a.from ? [{ path: `areas.${i}.until`, message: '结束日期不能早于开始日期' }] : []));
    if (details.length > 0) throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request body', { details });
  }
}
