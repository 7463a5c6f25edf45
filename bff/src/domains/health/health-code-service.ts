import type { ColourHistoryResponse, HealthCodeResponse } from '@govpass/shared-types';
import type { PersonalCodeIssuer, PersonDirectoryPort, PersonHealthStatus } from './health-ports';
import type { HealthStore } from './store/health-store';
import { subjectOf } from './subject-of';

const HISTORY_LIMIT = 100;

/** What the 健康码 page shows: the live personal code with the colour, its reasons and green-from day. */
export class HealthCodeService {
  constructor(
    private readonly status: { statusOf(personId: string): Promise<PersonHealthStatus> },
    private readonly store: Pick<HealthStore, 'history'>,
    private readonly directory: PersonDirectoryPort,
    private readonly issuer: PersonalCodeIssuer,
  ) {}

  /** `self`: the caller's person as their session names it, when it does (saves the look-ups). */
  async code(accountId: string, personId?: string, self?: { personId: string; maskedName: string }): Promise<HealthCodeResponse> {
    const forSelf = self !== undefined && (personId === undefined || personId === self.personId);
    const subject = forSelf ? { holder: self.personId, personId: self.personId } : await subjectOf(this.directory, accountId, personId);
    const status = await this.status.statusOf(subject.personId);
    const [issued, maskedName] = await Promise.all([
      this.issuer.issueLive(subject.personId, status.colour),
      forSelf ? self.maskedName : this.directory.maskedIdentity(subject.personId).then((i) => i.name),
    ]);
    return {
      code: issued.code,
      colour: status.colour,
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt,
      reasons: status.reasons,
      greenFrom: status.greenFrom,
      person: { personId: subject.personId, maskedName },
    };
  }

  async history(accountId: string, personId?: string): Promise<ColourHistoryResponse> {
    const subject = await subjectOf(this.directory, accountId, personId);
    return { items: await this.store.history(subject.personId, HISTORY_LIMIT) };
  }
}
