import type { Kysely } from 'kysely';
import { chinaDateOf, chinaMidnight } from '../../../core/china-date';
import type { Database } from '../../../infra/db/database';
import { scriptError, ScriptCode } from '../../../infra/hot-store/script-codes';
import type { CheckinLedger, CheckinOutcome, CheckinRecord, CheckinRules } from './checkin-ledger';

/**
 * CheckinLedger without Redis (embedded SQLite, development): decides in the database, one
 * person at a time in this process (the in-process hot store means one process anyway), and
 * answers once the row is committed.
 */
export class SqlCheckinLedger implements CheckinLedger {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly rules: CheckinRules,
  ) {}

  checkIn(r: CheckinRecord): Promise<CheckinOutcome> {
    const prior = this.queues.get(r.personId) ?? Promise.resolve();
    const run = prior.then(() => this.decide(r), () => this.decide(r));
    const tail = run.catch(() => undefined);
    this.queues.set(r.personId, tail);
    void tail.then(() => {
      if (this.queues.get(r.personId) === tail) this.queues.delete(r.personId);
    });
    return run;
  }

  private async decide(r: CheckinRecord): Promise<CheckinOutcome> {
    const recent = await this.db
      .selectFrom('venue_checkins')
      .select(['id', 'checked_in_at'])
      .where('person_id', '=', r.personId)
      .where('venue_id', '=', r.venueId)
      .where('checked_in_at', '>', r.at - this.rules.dedupeMs)
      .orderBy('checked_in_at', 'desc')
      .executeTakeFirst();
    if (recent) return { id: recent.id, at: Number(recent.checked_in_at), duplicate: true };
    const dayStart = chinaMidnight(chinaDateOf(r.at));
    const { n } = await this.db
      .selectFrom('venue_checkins')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', r.personId)
      .where('checked_in_at', '>=', dayStart)
      .executeTakeFirstOrThrow();
    if (Number(n) >= this.rules.dailyCap) throw scriptError(ScriptCode.CHECKIN_LIMIT, Number(n));
    await this.db.insertInto('venue_checkins').values({ id: r.id, venue_id: r.venueId, person_id: r.personId, account_id: r.accountId, checked_in_at: r.at }).execute();
    return { id: r.id, at: r.at, duplicate: false };
  }
}
