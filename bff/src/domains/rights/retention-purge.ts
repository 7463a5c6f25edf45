import { startPeriodicJob, type PeriodicJob } from '../../core/periodic-job';
import type { AuditLog } from '../audit/audit-log';

const DAY_MS = 86_400_000;

/**
 * One kind of record kept after its purpose ended (pseudonymised after a deletion, or simply
 * old): deleted once older than `days` (docs/privacy.md, "Retention purge").
 */
export interface RetentionRule {
  /** The rule's name in the audit entry and the command's output. */
  readonly name: string;
  readonly days: number;
  /** Deletes the records older than `beforeMs` (epoch ms), in chunks; returns how many. */
  purge(beforeMs: number): Promise<number>;
}

/** Counts per rule of one run. */
export type PurgeCounts = Record<string, number>;

/**
 * Runs every retention rule and audits the run, only when it deleted something: an hourly job
 * that found nothing writes nothing (as the check-in purge does).
 */
export class RetentionPurge {
  constructor(
    private readonly rules: readonly RetentionRule[],
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  async run(actor: string): Promise<PurgeCounts> {
    const at = this.now();
    const deleted: PurgeCounts = {};
    for (const rule of this.rules) deleted[rule.name] = await rule.purge(at - rule.days * DAY_MS);
    if (Object.values(deleted).every((n) => n === 0)) return deleted;
    const days = Object.fromEntries(this.rules.map((r) => [r.name, r.days]));
    await this.audit.record({ actor, action: 'privacy.retention_purge', targetType: 'retention', targetId: '*', details: { deleted, days } });
    return deleted;
  }
}

/** Runs the purge 20 s after start and then every `everyMs` (default hourly) in this process. */
export function startRetentionScheduler(purge: RetentionPurge, onError: (err: unknown) => void, everyMs = 3_600_000): PeriodicJob {
  return startPeriodicJob(() => purge.run('system:retention'), onError, { firstAfterMs: 20_000, everyMs });
}
