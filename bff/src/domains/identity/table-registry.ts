import type { Kysely } from 'kysely';
import { BindIdentityRequest } from '@govpass/shared-types';
import type { Database } from '../../infra/db/database';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { PopulationRegistry } from './population-registry';

export interface RegistryRowError {
  line: number;
  message: string;
}

export interface RegistryLoadResult {
  loaded: number;
  errors: RegistryRowError[];
}

/**
 * A registry table loaded from a CSV export (`name,idNumber`). Only keyed hashes are stored:
 * the table can confirm a pair but cannot be read back into names and numbers.
 */
export class TableRegistry implements PopulationRegistry {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: PiiCipher,
  ) {}

  async matches(idNumber: string, name: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('registry_entries')
      .select('name_hash')
      .where('id_hash', '=', this.cipher.hash('id', idNumber))
      .executeTakeFirst();
    return row?.name_hash === this.cipher.hash('name', name);
  }

  /** Loads every row or none: any bad row is reported by line and nothing is written. */
  async loadCsv(csv: string): Promise<RegistryLoadResult> {
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    const errors: RegistryRowError[] = [];
    const rows = new Map<string, string>();
    lines.forEach((text, i) => {
      const line = i + 1;
      if (!text.trim() || (i === 0 && /name/i.test(text))) return;
      const [name, idNumber, ...rest] = text.split(',');
      const parsed = BindIdentityRequest.safeParse({ name, idNumber });
      if (rest.length > 0 || !parsed.success) {
        errors.push({ line, message: parsed.success ? 'expected 2 columns: name,idNumber' : parsed.error.issues.map((x) => x.message).join('; ') });
        return;
      }
      rows.set(this.cipher.hash('id', parsed.data.idNumber), this.cipher.hash('name', parsed.data.name));
    });
    if (errors.length > 0) return { loaded: 0, errors };
    await this.db.transaction().execute(async (trx) => {
      for (const [idHash, nameHash] of rows) {
        await trx.deleteFrom('registry_entries').where('id_hash', '=', idHash).execute();
        await trx.insertInto('registry_entries').values({ id_hash: idHash, name_hash: nameHash }).execute();
      }
    });
    return { loaded: rows.size, errors: [] };
  }
}
