import type { Kysely, Selectable } from 'kysely';
import type { Database, LotteryApplicationsTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { LotteryApplicationRecord, LotteryStore } from './lottery-store';

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

  async insert(a: LotteryApplicationRecord): Promise<boolean> {
    try {
      await this.db
        .insertInto('lottery_applications')
        .values({
          id: a.id,
          round_id: a.roundId,
          pharmacy_id: a.pharmacyId,
          person_id: a.personId,
          holder_person_id: a.holderPersonId,
          account_id: a.accountId,
          created_at: a.createdAt,
          result: null,
          reservation_id: null,
        })
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async findByRoundAndPerson(roundId: string, personId: string): Promise<LotteryApplicationRecord | null> {
    const row = await this.db.selectFrom('lottery_applications').selectAll().where('round_id', '=', roundId).where('person_id', '=', personId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listFor(personIds: string[], holderPersonId: string, limit: number): Promise<LotteryApplicationRecord[]> {
    const rows = await this.db
      .selectFrom('lottery_applications')
      .selectAll()
      .where((eb) => eb.or([eb('person_id', 'in', personIds), eb('holder_person_id', '=', holderPersonId)]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }
}
