import type { Kysely } from 'kysely';
import type { Database, PrintedCodesTable } from '../../infra/db/database';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { PrintedCodeRecord, PrintedCodeStore } from './code-ref-store';

function toRecord(r: PrintedCodesTable): PrintedCodeRecord {
  return {
    id: r.id,
    personId: r.person_id,
    refHex: r.ref,
    issuedBy: r.issued_by,
    issuedAt: Number(r.issued_at),
    expiresAt: Number(r.expires_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    revokedBy: r.revoked_by,
  };
}

export class SqlPrintedCodeStore implements PrintedCodeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(card: PrintedCodeRecord): Promise<boolean> {
    try {
      await this.db
        .insertInto('printed_codes')
        .values({ id: card.id, person_id: card.personId, ref: card.refHex, issued_by: card.issuedBy, issued_at: card.issuedAt, expires_at: card.expiresAt, revoked_at: card.revokedAt, revoked_by: card.revokedBy })
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async findById(id: string): Promise<PrintedCodeRecord | null> {
    const row = await this.db.selectFrom('printed_codes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findByRef(refHex: string): Promise<PrintedCodeRecord | null> {
    const row = await this.db.selectFrom('printed_codes').selectAll().where('ref', '=', refHex).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listOf(personId: string): Promise<PrintedCodeRecord[]> {
    const rows = await this.db.selectFrom('printed_codes').selectAll().where('person_id', '=', personId).orderBy('issued_at', 'desc').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    const res = await this.db.updateTable('printed_codes').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async revokedUnexpired(now: number): Promise<{ refHex: string; expiresAt: number }[]> {
    const rows = await this.db.selectFrom('printed_codes').select(['ref', 'expires_at']).where('revoked_at', 'is not', null).where('expires_at', '>', now).orderBy('expires_at').execute();
    return rows.map((r) => ({ refHex: r.ref, expiresAt: Number(r.expires_at) }));
  }
}
