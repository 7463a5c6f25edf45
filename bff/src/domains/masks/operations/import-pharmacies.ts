import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import { chunked } from './chunked';
import { CsvSyntaxError, parseCsv } from '../../../core/parse-csv';

export const PHARMACY_CSV_COLUMNS = ['id', 'name', 'address', 'district', 'latitude', 'longitude', 'phone', 'openingHours'] as const;

export interface PharmacyImportRow {
  line: number;
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number;
  longitude: number;
  phone: string;
  openingHours: string;
}

export interface ImportLineError {
  line: number;
  message: string;
}

export interface PharmacyImportResult {
  /** Rows in the file (0 when anything was wrong: then nothing is written). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportLineError[];
}

const text = (max: number) => z.string().trim().min(1, { message: 'is required' }).max(max, { message: `is longer than ${max} characters` });

// Not z.coerce.number(): it would read an empty cell as 0, a valid coordinate.
const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, { message: 'must be a decimal number' })
    .transform(Number)
    .pipe(z.number().min(-limit, { message: `must be between -${limit} and ${limit}` }).max(limit, { message: `must be between -${limit} and ${limit}` }));

const PharmacyCsvRow = z.object({
  id: z.string().trim().regex(/^[A-Za-z0-9_-]{1,36}$/, { message: 'must be 1–36 letters, digits, _ or -' }),
  name: text(128),
  address: text(255),
  district: text(64),
  latitude: coordinate(90),
  longitude: coordinate(180),
  phone: text(32),
  openingHours: text(64),
});

function headerErrors(header: string[]): string[] {
  const names = header.map((h) => h.trim());
  const errors: string[] = [];
  const missing = PHARMACY_CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(PHARMACY_CSV_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length) errors.push(`missing column(s): ${missing.join(', ')}`);
  if (unknown.length) errors.push(`unknown column(s): ${unknown.join(', ')}`);
  if (repeated.length) errors.push(`repeated column(s): ${[...new Set(repeated)].join(', ')}`);
  return errors.length ? [`${errors.join('; ')} (expected header ${PHARMACY_CSV_COLUMNS.join(',')})`] : [];
}

/** Parses and validates the whole file; every problem is reported with its line number. */
export function parsePharmacyCsv(csvText: string): { rows: PharmacyImportRow[]; errors: ImportLineError[] } {
  let records;
  try {
    records = parseCsv(csvText);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { rows: [], errors: [{ line: err.line, message: err.reason }] };
    throw err;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'the file is empty' }] };
  const errors: ImportLineError[] = headerErrors(header.fields).map((message) => ({ line: header.line, message }));
  if (errors.length) return { rows: [], errors };
  if (body.length === 0) return { rows: [], errors: [{ line: header.line, message: 'the file has no pharmacy rows' }] };
  const columns = header.fields.map((h) => h.trim());
  const rows: PharmacyImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({ line: record.line, message: `expected ${columns.length} fields, found ${record.fields.length}` });
      continue;
    }
    const parsed = PharmacyCsvRow.safeParse(Object.fromEntries(columns.map((c, i) => [c, record.fields[i]])));
    if (!parsed.success) {
      errors.push({ line: record.line, message: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') });
      continue;
    }
    // Case-insensitive, as MySQL's collation compares the primary key.
    const first = firstLineOf.get(parsed.data.id.toLowerCase());
    if (first !== undefined) {
      errors.push({ line: record.line, message: `duplicate id ${parsed.data.id} (first on line ${first})` });
      continue;
    }
    firstLineOf.set(parsed.data.id.toLowerCase(), record.line);
    rows.push({ line: record.line, ...parsed.data });
  }
  return { rows, errors };
}

type StoredPharmacy = Awaited<ReturnType<typeof readStored>>[number];

function columnsOf(r: PharmacyImportRow) {
  return { name: r.name, address: r.address, district: r.district, latitude: r.latitude, longitude: r.longitude, phone: r.phone, opening_hours: r.openingHours };
}

function sameAs(stored: StoredPharmacy, r: PharmacyImportRow): boolean {
  const wanted = columnsOf(r);
  return (Object.keys(wanted) as (keyof typeof wanted)[]).every((k) => (typeof wanted[k] === 'number' ? Number(stored[k]) === wanted[k] : stored[k] === wanted[k]));
}

function readStored(db: Kysely<Database>, ids: string[]) {
  return db.selectFrom('pharmacies').select(['id', 'name', 'address', 'district', 'latitude', 'longitude', 'phone', 'opening_hours']).where('id', 'in', ids).execute();
}

/**
 * Upserts pharmacies by id from a CSV export: every row or none. Validation runs over the whole
 * file first; the writes and the audit record share one transaction, so a failure half-way
 * leaves the table as it was. Rows identical to the stored pharmacy are left untouched.
 */
export async function importPharmacies(db: Kysely<Database>, csvText: string, actor: string, audit: AuditLog, now: () => number = Date.now): Promise<PharmacyImportResult> {
  const parsed = parsePharmacyCsv(csvText);
  const outcome = parsed.errors.length ? { errors: parsed.errors } : await upsert(db, parsed.rows, actor, audit, now());
  if ('created' in outcome) return { rows: parsed.rows.length, ...outcome, errors: [] };
  await audit.record({ actor, action: 'mask.pharmacies.import-rejected', targetType: 'pharmacy', targetId: 'csv-import', details: { errors: outcome.errors.length } });
  return { rows: 0, created: 0, updated: 0, unchanged: 0, errors: outcome.errors };
}

async function upsert(db: Kysely<Database>, rows: PharmacyImportRow[], actor: string, audit: AuditLog, at: number) {
  return db.transaction().execute(async (trx) => {
    const stored = new Map<string, StoredPharmacy>();
    for (const batch of chunked(rows.map((r) => r.id))) for (const s of await readStored(trx, batch)) stored.set(s.id.toLowerCase(), s);
    // MySQL compares ids without case (utf8mb4_unicode_ci): PH-1 would update ph-1, or clash with it.
    const clashes = rows.filter((r) => stored.has(r.id.toLowerCase()) && stored.get(r.id.toLowerCase())?.id !== r.id);
    if (clashes.length) return { errors: clashes.map((r) => ({ line: r.line, message: `id ${r.id} differs only in case from the stored pharmacy ${stored.get(r.id.toLowerCase())?.id}` })) };
    const fresh = rows.filter((r) => !stored.has(r.id.toLowerCase()));
    const changed = rows.filter((r) => stored.has(r.id.toLowerCase()) && !sameAs(stored.get(r.id.toLowerCase()) as StoredPharmacy, r));
    for (const batch of chunked(fresh)) await trx.insertInto('pharmacies').values(batch.map((r) => ({ id: r.id, ...columnsOf(r), created_at: at, updated_at: at }))).execute();
    for (const r of changed) await trx.updateTable('pharmacies').set({ ...columnsOf(r), updated_at: at }).where('id', '=', r.id).execute();
    const counts = { created: fresh.length, updated: changed.length, unchanged: rows.length - fresh.length - changed.length };
    await audit.record({ actor, action: 'mask.pharmacies.import', targetType: 'pharmacy', targetId: 'csv-import', details: { rows: rows.length, ...counts } }, trx);
    return counts;
  });
}
