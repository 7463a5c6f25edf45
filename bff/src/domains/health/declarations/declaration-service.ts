import { randomUUID } from 'node:crypto';
import type { DeclarationRequest, DeclarationResponse, HealthStatus } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { addDays } from '../../../core/china-date';
import type { PersonDirectoryPort } from '../health-ports';
import type { HealthStatusService } from '../status/health-status-service';
import type { HealthStore, StoredStatus } from '../store/health-store';
import { subjectOf } from '../subject-of';

/** Travel older than this cannot change a colour (the longest travel rule is 14 days); refused as a typo. */
const TRAVEL_LOOKBACK_DAYS = 30;

export function presentStatus(s: StoredStatus): HealthStatus {
  return { colour: s.colour, reasons: s.reasons, greenFrom: s.greenFrom, computedAt: new Date(s.computedAt).toISOString() };
}

/** Daily health declarations (健康申报) for oneself or a family member; each one re-evaluates the person. */
export class DeclarationService {
  constructor(
    private readonly store: HealthStore,
    private readonly status: HealthStatusService,
    private readonly directory: PersonDirectoryPort,
    private readonly now: () => number,
  ) {}

  async declare(accountId: string, req: DeclarationRequest): Promise<DeclarationResponse> {
    const { personId } = await subjectOf(this.directory, accountId, req.personId);
    const today = this.status.today();
    this.checkTravelDates(req, today);
    const idHash = await this.store.idHashOf(personId);
    if (!idHash) throw new AppError(404, 'PERSON_NOT_FOUND', 'No such person');
    const id = randomUUID();
    await this.store.addDeclaration({ id, idHash, personId, accountId, date: today, declaredAt: this.now(), symptoms: [...new Set(req.symptoms)], travel: req.travel });
    const { status } = await this.status.recompute(personId, 'declaration', accountId);
    return { id, date: today, status: presentStatus(status) };
  }

  private checkTravelDates(req: DeclarationRequest, today: string): void {
    const earliest = addDays(today, -TRAVEL_LOOKBACK_DAYS);
    const details = req.travel.flatMap((t, i) => {
      if (t.date > today) return [{ path: `travel.${i}.date`, message: '日期不能晚于今天' }];
      if (t.date < earliest) return [{ path: `travel.${i}.date`, message: `只需申报近${TRAVEL_LOOKBACK_DAYS}天内的行程` }];
      return [];
    });
    if (details.length > 0) throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request body', { details });
  }
}
