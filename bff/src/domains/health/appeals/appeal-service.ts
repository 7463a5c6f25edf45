import { randomUUID } from 'node:crypto';
import type { Appeal, AppealStatus, CreateAppealRequest, DecideAppealRequest } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { addDays } from '../../../core/china-date';
import type { PersonDirectoryPort } from '../health-ports';
import type { HealthStatusService } from '../status/health-status-service';
import type { AppealRecord, SqlAppealStore } from '../store/appeal-store';
import type { HealthStore } from '../store/health-store';
import { subjectOf } from '../subject-of';
import type { Operator } from '../imports/health-import-service';

const OVERDUE_MS = 24 * 3_600_000;
/** An override longer than this is a policy decision, not an appeal outcome. */
const MAX_OVERRIDE_DAYS = 60;

/** Appeals (申诉): a citizen files, an official upholds with a note or overrides the colour until a day. */
export class AppealService {
  constructor(
    private readonly appeals: SqlAppealStore,
    private readonly store: HealthStore,
    private readonly status: HealthStatusService,
    private readonly directory: PersonDirectoryPort,
    private readonly now: () => number,
  ) {}

  async file(accountId: string, req: CreateAppealRequest, requestId: string | null): Promise<Appeal> {
    const { personId } = await subjectOf(this.directory, accountId, req.personId);
    if (await this.appeals.openOf(personId)) throw new AppError(409, 'APPEAL_ALREADY_OPEN', 'An appeal for this person is already waiting for a decision');
    const current = await this.status.statusOf(personId);
    const record: AppealRecord = {
      id: randomUUID(),
      personId,
      accountId,
      colourAtFiling: current.colour,
      reason: req.reason,
      status: 'open',
      createdAt: this.now(),
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
      overrideColour: null,
      overrideUntil: null,
    };
    await this.appeals.create(record);
    await this.store.audit({ actor: accountId, action: 'health.appeal_file', targetType: 'health_appeal', targetId: record.id, requestId, details: { personId, colour: current.colour } });
    return this.present(record);
  }

  async mine(accountId: string): Promise<Appeal[]> {
    const holder = await this.directory.requirePersonOf(accountId);
    const persons = [holder, ...(await this.directory.familyMemberIds(holder))];
    return Promise.all((await this.appeals.ofPersons(persons)).map((a) => this.present(a)));
  }

  async queue(status: AppealStatus = 'open'): Promise<Appeal[]> {
    return Promise.all((await this.appeals.queue(status)).map((a) => this.present(a)));
  }

  async decide(op: Operator, id: string, req: DecideAppealRequest): Promise<Appeal> {
    const appeal = await this.appeals.find(id);
    if (!appeal) throw new AppError(404, 'APPEAL_NOT_FOUND', 'No such appeal');
    if (appeal.status !== 'open') throw new AppError(409, 'APPEAL_ALREADY_DECIDED', 'This appeal has already been decided');
    const override = req.outcome === 'overridden' ? { colour: req.colour, until: req.until } : null;
    if (override) this.checkUntil(override.until);
    const decision = { status: req.outcome, decidedAt: this.now(), decidedBy: op.actor, note: req.note, overrideColour: override?.colour ?? null, overrideUntil: override?.until ?? null };
    const audit = { actor: op.actor, action: 'health.appeal_decide', targetType: 'health_appeal', targetId: id, requestId: op.requestId, details: { personId: appeal.personId, outcome: req.outcome, ...override } };
    // Decided by someone else in the meantime: their decision stands.
    if (!(await this.appeals.decide(id, decision, audit))) throw new AppError(409, 'APPEAL_ALREADY_DECIDED', 'This appeal has already been decided');
    await this.status.recompute(appeal.personId, 'appeal', op.actor);
    return this.present({ ...appeal, status: decision.status, decidedAt: decision.decidedAt, decidedBy: decision.decidedBy, decisionNote: decision.note, overrideColour: decision.overrideColour, overrideUntil: decision.overrideUntil });
  }

  private checkUntil(until: string): void {
    const today = this.status.today();
    const issue = until < today ? '结束日期不能早于今天' : until > addDays(today, MAX_OVERRIDE_DAYS) ? `调整期不能超过${MAX_OVERRIDE_DAYS}天` : null;
    if (issue) throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request body', { details: [{ path: 'until', message: issue }] });
  }

  private async present(a: AppealRecord): Promise<Appeal> {
    return {
      id: a.id,
      personId: a.personId,
      maskedName: (await this.directory.maskedIdentity(a.personId)).name,
      colourAtFiling: a.colourAtFiling,
      reason: a.reason,
      status: a.status,
      createdAt: new Date(a.createdAt).toISOString(),
      decidedAt: a.decidedAt === null ? null : new Date(a.decidedAt).toISOString(),
      decisionNote: a.decisionNote,
      overrideColour: a.overrideColour,
      overrideUntil: a.overrideUntil,
      overdue: a.status === 'open' && this.now() - a.createdAt > OVERDUE_MS,
    };
  }
}
