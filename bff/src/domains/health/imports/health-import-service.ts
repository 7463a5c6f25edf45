import { randomUUID } from 'node:crypto';
import type { HealthListType, ImportResponse } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import type { PiiCipher } from '../../../infra/crypto/pii-cipher';
import type { HealthStatusService } from '../status/health-status-service';
import type { HealthStore } from '../store/health-store';
import { parseListCsv, parseTestCsv, type RowError } from './parse-health-csv';

export interface Operator {
  /** Account id of the official, or cli:<user>. */
  actor: string;
  requestId: string | null;
}

function refuse(errors: RowError[]): never {
  throw new AppError(422, 'IMPORT_INVALID', `${errors.length} row(s) are invalid; nothing was imported`, { details: errors });
}

/**
 * Official lists and test results: every row or none, in one transaction, matched to people by the
 * keyed hash of the ID number (the file's numbers are never stored). Afterwards the persons named
 * who have opened govpass are re-evaluated; the others meet their rows when they verify.
 */
export class HealthImportService {
  constructor(
    private readonly store: HealthStore,
    private readonly status: HealthStatusService,
    private readonly cipher: PiiCipher,
    private readonly now: () => number,
  ) {}

  async importList(op: Operator, list: HealthListType, csv: string): Promise<ImportResponse> {
    const parsed = parseListCsv(csv);
    if (parsed.errors.length > 0) refuse(parsed.errors);
    const importId = randomUUID();
    const rows = parsed.rows.map((r) => ({ idHash: this.cipher.hash('id', r.idNumber), date: r.date, releasedOn: r.releasedOn }));
    await this.store.transaction(async (tx) => {
      await tx.addListEntries(list, rows, importId, this.now());
      await tx.audit({ actor: op.actor, action: 'health.import_list', targetType: 'health_import', targetId: importId, requestId: op.requestId, details: { list, rows: rows.length } });
    });
    return this.reevaluate(rows.map((r) => r.idHash), `import:${list}`, op.actor);
  }

  async importTestResults(op: Operator, csv: string): Promise<ImportResponse> {
    const parsed = parseTestCsv(csv, this.now());
    if (parsed.errors.length > 0) refuse(parsed.errors);
    const importId = randomUUID();
    const rows = parsed.rows.map((r) => ({ idHash: this.cipher.hash('id', r.idNumber), result: r.result, sampledAt: r.sampledAt }));
    await this.store.transaction(async (tx) => {
      await tx.addTestResults(rows, importId, this.now());
      await tx.audit({ actor: op.actor, action: 'health.import_test_results', targetType: 'health_import', targetId: importId, requestId: op.requestId, details: { rows: rows.length } });
    });
    return this.reevaluate(rows.map((r) => r.idHash), 'test_result', op.actor);
  }

  private async reevaluate(hashes: string[], cause: string, actor: string): Promise<ImportResponse> {
    const persons = await this.store.personIdsWithHashes(hashes);
    const changed = await this.status.recomputeMany(persons, cause, actor);
    return { imported: hashes.length, changed };
  }
}
