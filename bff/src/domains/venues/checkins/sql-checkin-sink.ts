import type { Insertable, Kysely } from 'kysely';
import type { SqlDialectName } from '../../../infra/db/create-database';
import type { Database, VenueCheckinsTable } from '../../../infra/db/database';
import type { BatchSink } from '../../../infra/durable-stream/durable-stream-consumer';
import { decodeCheckin, type CheckinRecord } from './checkin-ledger';

function toRow(r: CheckinRecord): Insertable<VenueCheckinsTable> {
  return { id: r.id, venue_id: r.venueId, person_id: r.personId, account_id: r.accountId, checked_in_at: r.at };
}

/** The check-in stream's sink: batch insert-ignore, so a redelivered entry is a no-op on the primary key. */
export class SqlCheckinSink implements BatchSink<CheckinRecord> {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
    private readonly chunkSize = 1000,
  ) {}

  decode(payload: string): CheckinRecord {
    return decodeCheckin(payload);
  }

  async write(batch: readonly CheckinRecord[]): Promise<void> {
    for (let i = 0; i < batch.length; i += this.chunkSize) {
      const q = this.db.insertInto('venue_checkins').values(batch.slice(i, i + this.chunkSize).map(toRow));
      await (this.dialect === 'mysql' ? q.ignore() : q.orIgnore()).execute();
    }
  }
}
