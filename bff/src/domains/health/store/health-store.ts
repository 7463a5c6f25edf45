import type { ColourChange, HealthColour, HealthListType, HealthReason, RiskArea } from '@govpass/shared-types';
import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import type { AuditEntry } from '../../audit/audit-log';
import type { HealthInputs } from '../rules/evaluate-health';

/** A computed status as stored (MySQL health_status, the hot store, the in-process cache). */
export interface StoredStatus {
  colour: HealthColour;
  reasons: HealthReason[];
  greenFrom: string | null;
  /** First day on which the calendar alone can change the answer; read after it = recompute. */
  reviewOn: string | null;
  computedAt: number;
}

export interface ColourChangeRecord {
  personId: string;
  from: HealthColour | null;
  to: HealthColour;
  cause: string;
  actor: string;
  at: number;
}

export interface ListRow {
  idHash: string;
  date: string;
  releasedOn: string | null;
}

export interface TestRow {
  idHash: string;
  result: 'negative' | 'positive';
  sampledAt: number;
}

export interface DeclarationRow {
  id: string;
  idHash: string;
  personId: string;
  accountId: string;
  date: string;
  declaredAt: number;
  symptoms: string[];
  travel: { district: string; date: string }[];
}

export interface ExposureRow {
  idHash: string;
  date: string;
  source: string;
}

/** The health domain's inputs, computed statuses and their history. */
export interface HealthStore {
  /** Runs `fn` in one transaction; the store handed to it writes inside it (audit included). */
  /** The connection this store writes through (the transaction's, inside `transaction`), for writes of other domains that must commit with it. */
  connection(): Kysely<Database>;
  transaction<T>(fn: (tx: HealthStore) => Promise<T>): Promise<T>;
  audit(entry: AuditEntry): Promise<void>;

  idHashOf(personId: string): Promise<string | null>;
  /** Persons (who opened govpass) among these ID-number hashes. */
  personIdsWithHashes(hashes: readonly string[]): Promise<string[]>;
  /** Everything the evaluator needs except the risk areas (shared by everyone). */
  inputsOf(idHash: string, personId: string): Promise<Omit<HealthInputs, 'riskAreas'>>;

  riskAreas(): Promise<RiskArea[]>;
  replaceRiskAreas(areas: readonly RiskArea[]): Promise<void>;
  /** Persons whose declarations name one of the districts on or after `since`. */
  personIdsTravelledTo(districts: readonly string[], since: string): Promise<string[]>;

  statusOf(personId: string): Promise<StoredStatus | null>;
  saveStatus(personId: string, status: StoredStatus): Promise<void>;
  addColourChange(change: ColourChangeRecord): Promise<void>;
  history(personId: string, limit: number): Promise<ColourChange[]>;

  addListEntries(list: HealthListType, rows: readonly ListRow[], importId: string, now: number): Promise<void>;
  addTestResults(rows: readonly TestRow[], importId: string, now: number): Promise<void>;
  addDeclaration(row: DeclarationRow): Promise<void>;
  /** Returns how many were new (a repeated report of the same exposure is ignored). */
  addExposures(rows: readonly ExposureRow[], now: number): Promise<number>;
}
