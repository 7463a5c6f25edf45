import { startPeriodicJob, type PeriodicJob } from '../../../core/periodic-job';
import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';

const DAY_MS = 86_400_000;

/**
 * Deletes check-ins older than `retentionDays` (as Corona-Warn-App keeps 14 days), in chunks on the
 * time index so a city's backlog never holds one long lock. Returns how many were deleted.
 */
export async function purgeCheckins(db: Kysely<Database>, audit: AuditLog, actor: string, retentionDays: number, now: number, chunk = 5000): Promise<number> {
  const before = now - retentionDays * DAY_MS;
  let total = 0;
  for (;;) {
    const ids = (await db.selectFrom('venue_checkins').select('id').where('checked_in_at', '<', before).limit(chunk).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    await db.deleteFrom('venue_checkins').where('id', 'in', ids).execute();
    total += ids.length;
  }
  // A run that deleted nothing changed nothing: the hourly scheduler would otherwise fill the audit
  // log with empty entries (and write during requests that must write nothing, as the fuzz test checks).
  if (total === 0) return 0;
  await audit.record({ actor, action: 'venues.purge_checkins', targetType: 'venue_checkins', targetId: '*', details: { deleted: total, before: new Date(before).toISOString(), retentionDays } });
  return total;
}

/** Runs the purge 10 s after start and then every `everyMs` (default hourly) in this process. */
export function startPurgeScheduler(run: () => Promise<number>, onError: (err: unknown) => void, everyMs = 3_600_000): PeriodicJob {
  return startPeriodicJob(run, onError, { firstAfterMs: 10_000, everyMs });
}
