import type { Generated } from 'kysely';

/* Health code: imported lists and test results, declarations, travel, exposures, risk areas, status, appeals, import jobs. Conventions in ../database.ts. */

export interface HealthListEntriesTable {
  id: string;
  id_hash: string;
  list: string;
  date: string;
  released_on: string | null;
  import_id: string;
  created_at: number;
}

export interface HealthTestResultsTable {
  id: string;
  id_hash: string;
  result: string;
  sampled_at: number;
  import_id: string;
  created_at: number;
}

export interface HealthDeclarationsTable {
  id: string;
  id_hash: string;
  person_id: string;
  account_id: string;
  date: string;
  declared_at: number;
  symptoms: string;
}

export interface HealthTravelTable {
  declaration_id: string;
  id_hash: string;
  district: string;
  date: string;
}

export interface HealthExposuresTable {
  id: string;
  id_hash: string;
  date: string;
  source: string;
  created_at: number;
}

export interface HealthRiskAreasTable {
  id: Generated<number>;
  district: string;
  level: string;
  from_date: string;
  until_date: string | null;
}

export interface HealthStatusTable {
  person_id: string;
  colour: string;
  reasons: string;
  green_from: string | null;
  review_on: string | null;
  computed_at: number;
}

export interface HealthColourChangesTable {
  id: Generated<number>;
  person_id: string;
  from_colour: string | null;
  to_colour: string;
  cause: string;
  actor: string;
  at: number;
}

export interface HealthAppealsTable {
  id: string;
  person_id: string;
  account_id: string;
  colour_at_filing: string;
  reason: string;
  status: string;
  created_at: number;
  decided_at: number | null;
  decided_by: string | null;
  decision_note: string | null;
  override_colour: string | null;
  override_until: string | null;
}

export interface HealthJobsTable {
  id: string;
  kind: string;
  status: string;
  total: number;
  done: number;
  changed: number;
  actor: string;
  started_at: number;
  finished_at: number | null;
}
