import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, LotteryApplicationsTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { LotteryApplicationRecord, LotteryStore } from './lottery-store';
import { listForPeople } from '../shared/list-for-people';

function toRecord(r: Selectable<LotteryApplicationsTable>): LotteryApplicationRecord {
  return {
    id: r.id,
    roundId: r.round_id,
    pharmacyId: r.pharmacy_id,
    personId: r.person_id,
    holderPersonId: r.holder_person_id,
    accountId: r.account_id,
    createdAt: Number(r.created_at),
    result: r.result,
    ineligibleReason: r.ineligible_reason,
  };
}

export class SqlLotteryStore implements LotteryStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * INSERT … SELECT from the round row, only while it takes applications: on MySQL the select
   * share-locks the round row, so it serialises with an administrator's close (an UPDATE of that
   * row) — an application is either in before the close commits or refused after it.
   */
  async insert(a: LotteryApplicationRecord): Promise<'inserted' | 'duplicate' | 'closed'> {
    try {
      const res = await this.db
        .insertInto('lottery_applications')
        .columns(['id', 'round_id', 'pharmacy_id', 'person_id', 'holder_person_id', 'account_id', 'created_at', 'result', 'reservation_id'])
        .expression(
          this.db
            .selectFrom('mask_rounds')
            .select([
              sql<string>`${a.id}`.as('id'),
              'id as round_id',
              sql<string>`${a.pharmacyId}`.as('pharmacy_id'),
              sql<string>`${a.personId}`.as('person_id'),
              sql<string>`${a.holderPersonId}`.as('holder_person_id'),
              sql<string>`${a.accountId}`.as('account_id'),
              sql<number>`${a.createdAt}`.as('created_at'),
              sql<null>`null`.as('result'),
              sql<null>`null`.as('reservation_id'),
            ])
            .where('id', '=', a.roundId)
            .where('cancelled_at', 'is', null)
            .where('closes_at', '>', a.createdAt),
        )
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1 ? 'inserted' : 'closed';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }

  async findByRoundAndPerson(roundId: string, personId: string): Promise<LotteryApplicationRecord | null> {
    const row = await this.db.selectFrom('lottery_applications').selectAll().where('round_id', '=', roundId).where('person_id', '=', personId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listFor(personIds: string[], holderPersonId: string, limit: number): Promise<LotteryApplicationRecord[]> {
    return (await listForPeople(this.db, 'lottery_applications', personIds, holderPersonId, limit)).map(toRecord);
  }
}
