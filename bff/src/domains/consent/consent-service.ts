import type { ConsentStatus, LoginChannel, PrivacyPolicyResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuditLog } from '../audit/audit-log';
import type { ConsentStore } from './consent-store';

export function consentRequired(): AppError {
  return new AppError(403, 'CONSENT_REQUIRED', 'The privacy policy in force must be agreed to first');
}

/**
 * Agreement to the privacy policy (docs/privacy.md, "Consent"): recorded per account with version,
 * channel and time; identity binding (own and family) is refused with 403 CONSENT_REQUIRED until the
 * version in force is agreed to. `gateOn` false (config privacy.consentRequired) records but never refuses.
 */
export class ConsentService {
  constructor(
    readonly policy: PrivacyPolicyResponse,
    private readonly store: ConsentStore,
    private readonly audit: AuditLog,
    private readonly gateOn: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  async status(accountId: string): Promise<ConsentStatus> {
    const records = await this.store.ofAccount(accountId);
    const last = records.at(-1);
    const agreedCurrent = records.some((r) => r.version === this.policy.version);
    return {
      currentVersion: this.policy.version,
      agreedVersion: last?.version ?? null,
      agreedAt: last ? new Date(last.agreedAt).toISOString() : null,
      required: this.gateOn && !agreedCurrent,
    };
  }

  async agree(accountId: string, channel: LoginChannel, version: string, requestId?: string): Promise<ConsentStatus> {
    if (version !== this.policy.version) throw new AppError(409, 'CONFLICT', `The policy in force is ${this.policy.version}; read it again and agree to that version`, { details: { currentVersion: this.policy.version } });
    await this.store.add(accountId, { version, channel, agreedAt: this.now() });
    await this.audit.record({ actor: accountId, action: 'privacy.consent', targetType: 'account', targetId: accountId, requestId, details: { version, channel } });
    return this.status(accountId);
  }

  /** Throws 403 CONSENT_REQUIRED unless the account agreed to the version in force (or the gate is off). */
  async ensure(accountId: string): Promise<void> {
    if (!this.gateOn) return;
    if (!(await this.store.ofAccount(accountId)).some((r) => r.version === this.policy.version)) throw consentRequired();
  }

  /** The export's section. */
  async exportOf(accountId: string): Promise<unknown> {
    return (await this.store.ofAccount(accountId)).map((r) => ({ 版本: r.version, 渠道: r.channel, 同意时间: new Date(r.agreedAt).toISOString() }));
  }

  removeAccount(accountId: string): Promise<number> {
    return this.store.removeAccount(accountId);
  }
}
