import { CompiledQuery, type Kysely } from 'kysely';
import type { SqlDialectName } from '../../../infra/db/create-database';
import type { Database } from '../../../infra/db/database';
import type { BatchSink } from '../../../infra/durable-stream/durable-stream-consumer';
import { decodeCheckin, type CheckinRecord } from './checkin-ledger';

const COLUMNS = '(id, venue_id, person_id, account_id, checked_in_at)';

/**
 * The check-in stream's sink: batch insert-ignore, so a redelivered entry is a no-op on the primary
 * key. One parameterised statement per chunk, written directly (a query builder's tree for 1,000
 * rows cost more Node CPU per check-in than the rest of the consumer).
 */
export class SqlCheckinSink implements BatchSink<CheckinRecord> {
  private readonly verb: string;
  private readonly chunkSize: number;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: SqlDialectName,
    chunkSize?: number,
  ) {
    this.verb = dialect === 'mysql' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
    // SQLite builds before 3.32 allow 999 parameters per statement.
    this.chunkSize = chunkSize ?? (dialect === 'mysql' ? 1000 : 190);
  }

  decode(payload: string): CheckinRecord {
    return decodeCheckin(payload);
  }

  async write(batch: readonly CheckinRecord[]): Promise<void> {
    for (let i = 0; i < batch.length; i += this.chunkSize) {
      const chunk = batch.slice(i, i + this.chunkSize);
      const params: (string | number)[] = [];
      for (const r of chunk) params.push(r.id, r.venueId, r.personId, r.accountId, r.at);
      const values = new Array<string>(chunk.length).fill('(?, ?, ?, ?, ?)').join(', ');
      await this.db.executeQuery(CompiledQuery.raw(`${this.verb} venue_checkins ${COLUMNS} VALUES ${values}`, params));
    }
  }
}
