import { DELETE_ACCOUNT_PHRASE, type DataExportResponse, type DeleteAccountResponse, type ErasureStep } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuditLog } from '../audit/audit-log';
import type { DataSubject, PersonalDataContributor, PersonalDataEraser } from './rights-ports';

const EXPORT_NOTE = '这是政务通保存的关于您的全部信息。身份证号和姓名按页面上的样子打了星号；编号（id）是系统内部编号，不含个人信息。';

/** Export and deletion, each a walk over the ports the domains registered (rights-ports.ts). */
export class RightsService {
  constructor(
    private readonly contributors: readonly PersonalDataContributor[],
    /** In the order they run: sessions first (nothing new can start), the account itself last. */
    private readonly erasers: readonly PersonalDataEraser[],
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  async export(subject: DataSubject): Promise<DataExportResponse> {
    const sections: Record<string, unknown> = {};
    for (const c of this.contributors) sections[c.section] = await c.contribute(subject);
    await this.audit.record({ actor: subject.accountId, action: 'privacy.export', targetType: 'account', targetId: subject.accountId, requestId: subject.requestId, details: { sections: Object.keys(sections) } });
    return { exportedAt: new Date(this.now()).toISOString(), note: EXPORT_NOTE, sections };
  }

  /**
   * Deletes the account after the typed confirmation. Each step is audited as it finishes, so a
   * failure part-way leaves a trail of what was done; the steps are safe to run again.
   */
  async deleteAccount(subject: DataSubject, confirmation: string): Promise<DeleteAccountResponse> {
    if (confirmation.trim() !== DELETE_ACCOUNT_PHRASE) {
      throw new AppError(422, 'CONFIRMATION_MISMATCH', `Type “${DELETE_ACCOUNT_PHRASE}” to confirm`, { details: { phrase: DELETE_ACCOUNT_PHRASE } });
    }
    const audit = (action: string, details: Record<string, unknown>) => this.audit.record({ actor: subject.accountId, action, targetType: 'account', targetId: subject.accountId, requestId: subject.requestId, details });
    await audit('account.delete_requested', { verified: subject.personId !== null });
    const steps: ErasureStep[] = [];
    for (const eraser of this.erasers) {
      const counts = await eraser.erase(subject);
      steps.push({ domain: eraser.domain, counts });
      await audit('account.erase_step', { domain: eraser.domain, counts });
    }
    await audit('account.deleted', { steps: steps.length });
    return { deleted: true, steps };
  }
}
