import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { Kysely } from 'kysely';
import { HealthColour, RiskLevel, type ColourChange, type HealthListType, type HealthReason, type RiskArea } from '@govpass/shared-types';
import type { Database } from '../../../infra/db/database';
import type { AuditEntry, AuditLog } from '../../audit/audit-log';
import type { HealthInputs } from '../rules/evaluate-health';
import type { ColourChangeRecord, DeclarationRow, ExposureRow, HealthStore, ListRow, StoredStatus, TestRow } from './health-store';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class SqlHealthStore implements HealthStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly auditLog: AuditLog,
  ) {}

  connection(): Kysely<Database> {
    return this.db;
  }

  transaction<T>(fn: (tx: HealthStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new SqlHealthStore(trx, this.auditLog)));
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.auditLog.record(entry, this.db);
  }

  async idHashOf(personId: string): Promise<string | null> {
    const row = await this.db.selectFrom('persons').select('id_hash').where('id', '=', personId).executeTakeFirst();
    return row?.id_hash ?? null;
  }

  async personIdsWithHashes(hashes: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const part of chunks([...new Set(hashes)])) {
      const rows = await this.db.selectFrom('persons').select('id').where('id_hash', 'in', part).execute();
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  async inputsOf(idHash: string, personId: string): Promise<Omit<HealthInputs, 'riskAreas'>> {
    const [lists, tests, declarations, travel, exposures, override] = await Promise.all([
      this.db.selectFrom('health_list_entries').select(['list', 'date', 'released_on']).where('id_hash', '=', idHash).execute(),
      this.db.selectFrom('health_test_results').select(['result', 'sampled_at']).where('id_hash', '=', idHash).execute(),
      this.db.selectFrom('health_declarations').select(['id', 'declared_at', 'symptoms']).where('id_hash', '=', idHash).execute(),
      this.db.selectFrom('health_travel').select(['declaration_id', 'district', 'date']).where('id_hash', '=', idHash).execute(),
      this.db.selectFrom('health_exposures').select(['date', 'source']).where('id_hash', '=', idHash).execute(),
      this.db
        .selectFrom('health_appeals')
        .select(['override_colour', 'override_until'])
        .where('person_id', '=', personId)
        .where('status', '=', 'overridden')
        .orderBy('decided_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return {
      lists: lists.map((l) => ({ list: l.list as HealthListType, date: l.date, releasedOn: l.released_on })),
      tests: tests.map((t) => ({ result: t.result === 'positive' ? 'positive' : 'negative', sampledAt: Number(t.sampled_at) })),
      declarations: declarations.map((d) => ({
        declaredAt: Number(d.declared_at),
        symptoms: JSON.parse(d.symptoms) as string[],
        travel: travel.filter((t) => t.declaration_id === d.id).map((t) => ({ district: t.district, date: t.date })),
      })),
      exposures: exposures.map((e) => ({ date: e.date, detail: exposureDetail(e.source) })),
      override: override?.override_colour && override.override_until ? { colour: HealthColour.parse(override.override_colour), until: override.override_until } : null,
    };
  }

  async riskAreas(): Promise<RiskArea[]> {
    const rows = await this.db.selectFrom('health_risk_areas').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ district: r.district, level: RiskLevel.parse(r.level), from: r.from_date, until: r.until_date }));
  }

  async replaceRiskAreas(areas: readonly RiskArea[]): Promise<void> {
    await this.db.deleteFrom('health_risk_areas').execute();
    for (const part of chunks(areas)) {
      await this.db
        .insertInto('health_risk_areas')
        .values(part.map((a) => ({ district: a.district, level: a.level, from_date: a.from, until_date: a.until })))
        .execute();
    }
  }

  async personIdsTravelledTo(districts: readonly string[], since: string): Promise<string[]> {
    const hashes = new Set<string>();
    for (const part of chunks([...new Set(districts)])) {
      const rows = await this.db.selectFrom('health_travel').select('id_hash').distinct().where('district', 'in', part).where('date', '>=', since).execute();
      for (const r of rows) hashes.add(r.id_hash);
    }
    return this.personIdsWithHashes([...hashes]);
  }

  async statusOf(personId: string): Promise<StoredStatus | null> {
    const row = await this.db.selectFrom('health_status').selectAll().where('person_id', '=', personId).executeTakeFirst();
    if (!row) return null;
    return { colour: HealthColour.parse(row.colour), reasons: JSON.parse(row.reasons) as HealthReason[], greenFrom: row.green_from, reviewOn: row.review_on, computedAt: Number(row.computed_at) };
  }

  async saveStatus(personId: string, s: StoredStatus): Promise<void> {
    const values = { colour: s.colour, reasons: JSON.stringify(s.reasons), green_from: s.greenFrom, review_on: s.reviewOn, computed_at: s.computedAt };
    // Insert first, update on a duplicate: an UPDATE (or locking read) of a row that does not exist yet
    // takes an InnoDB gap lock, and two first-time computations whose rows share a gap then deadlock
    // on their INSERTs (the health bench met it at the first concurrent burst). Inserts only take
    // insert-intention locks, which do not conflict.
    try {
      await this.db.insertInto('health_status').values({ person_id: personId, ...values }).execute();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.db.updateTable('health_status').set(values).where('person_id', '=', personId).execute();
    }
  }

  async addColourChange(c: ColourChangeRecord): Promise<void> {
    await this.db.insertInto('health_colour_changes').values({ person_id: c.personId, from_colour: c.from, to_colour: c.to, cause: c.cause, actor: c.actor, at: c.at }).execute();
  }

  async history(personId: string, limit: number): Promise<ColourChange[]> {
    const rows = await this.db.selectFrom('health_colour_changes').selectAll().where('person_id', '=', personId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ at: new Date(Number(r.at)).toISOString(), from: r.from_colour ? HealthColour.parse(r.from_colour) : null, to: HealthColour.parse(r.to_colour), cause: r.cause }));
  }

  async addListEntries(list: HealthListType, rows: readonly ListRow[], importId: string, now: number): Promise<void> {
    // A row for the same person, list and date replaces the earlier one (e.g. adds its release day).
    for (const part of chunks(rows)) {
      for (const r of part) {
        await this.db.deleteFrom('health_list_entries').where('id_hash', '=', r.idHash).where('list', '=', list).where('date', '=', r.date).execute();
      }
      await this.db
        .insertInto('health_list_entries')
        .values(part.map((r) => ({ id: randomUUID(), id_hash: r.idHash, list, date: r.date, released_on: r.releasedOn, import_id: importId, created_at: now })))
        .execute();
    }
  }

  async addTestResults(rows: readonly TestRow[], importId: string, now: number): Promise<void> {
    for (const part of chunks(rows)) {
      for (const r of part) await this.db.deleteFrom('health_test_results').where('id_hash', '=', r.idHash).where('sampled_at', '=', r.sampledAt).execute();
      await this.db
        .insertInto('health_test_results')
        .values(part.map((r) => ({ id: randomUUID(), id_hash: r.idHash, result: r.result, sampled_at: r.sampledAt, import_id: importId, created_at: now })))
        .execute();
    }
  }

  async addDeclaration(d: DeclarationRow): Promise<void> {
    await this.db
      .insertInto('health_declarations')
      .values({ id: d.id, id_hash: d.idHash, person_id: d.personId, account_id: d.accountId, date: d.date, declared_at: d.declaredAt, symptoms: JSON.stringify(d.symptoms) })
      .execute();
    const travel = [...new Map(d.travel.map((t) => [`${t.district}|${t.date}`, t])).values()];
    if (travel.length > 0) {
      await this.db.insertInto('health_travel').values(travel.map((t) => ({ declaration_id: d.id, id_hash: d.idHash, district: t.district, date: t.date }))).execute();
    }
  }

  async addExposures(rows: readonly ExposureRow[], now: number): Promise<number> {
    let added = 0;
    for (const r of rows) {
      const seen = await this.db.selectFrom('health_exposures').select('id').where('id_hash', '=', r.idHash).where('date', '=', r.date).where('source', '=', r.source).executeTakeFirst();
      if (seen) continue;
      await this.db.insertInto('health_exposures').values({ id: randomUUID(), id_hash: r.idHash, date: r.date, source: r.source, created_at: now }).execute();
      added += 1;
    }
    return added;
  }
}

/** The human part of an exposure's source (`venue:<id>@<ms>|<where and when>`), shown in its reason. */
export function exposureDetail(source: string): string | null {
  const bar = source.indexOf('|');
  return bar === -1 ? null : source.slice(bar + 1) || null;
}
