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

  async code(accountId: string, personId?: string): Promise<HealthCodeResponse> {
    const subject = await subjectOf(this.directory, accountId, personId);
    const status = await this.status.statusOf(subject.personId);
    const [issued, identity] = await Promise.all([this.issuer.issueLive(subject.personId, status.colour), this.directory.maskedIdentity(subject.personId)]);
    return {
      code: issued.code,
      colour: status.colour,
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt,
      reasons: status.reasons,
      greenFrom: status.greenFrom,
      person: { personId: subject.personId, maskedName: identity.name },
    };
  }

  async history(accountId: string, personId?: string): Promise<ColourHistoryResponse> {
    const subject = await subjectOf(this.directory, accountId, personId);
    return { items: await this.store.history(subject.personId, HISTORY_LIMIT) };
  }
}
