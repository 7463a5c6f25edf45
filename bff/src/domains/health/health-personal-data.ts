import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { healthStatusKey } from '../../infra/hot-store/keys';
import type { PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { HealthServices } from './build-health-domain';

const ERASED_TEXT = '（账号已注销，内容已删除）';

/**
 * The health code in the export (current colour, colour history, appeals, own declarations) and
 * in deletion:
 * - deleted: the person's declarations and travel (they carry the ID-number hash), the stored
 *   status (MySQL and the hot store);
 * - kept pseudonymised (retention rule, docs/privacy.md): colour changes and appeals, the record
 *   of officials' decisions, under the person's UUID only; the appeal's and the decision's free
 *   text are overwritten (they may name someone);
 * - not ours to delete: lists, test results and exposures the health department imported (keyed
 *   by ID-number hash) are the department's records, kept under its rules.
 */
export function healthPersonalData(db: Kysely<Database>, hotStore: HotStore, health: HealthServices): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: {
      section: 'health',
      async contribute(s) {
        if (s.personId === null) return null;
        const status = await health.statusOf(s.personId);
        const history = await db.selectFrom('health_colour_changes').select(['from_colour', 'to_colour', 'cause', 'at']).where('person_id', '=', s.personId).orderBy('at').execute();
        const declarations = await db.selectFrom('health_declarations').select(['id', 'date', 'declared_at', 'symptoms']).where('person_id', '=', s.personId).orderBy('declared_at').execute();
        const travel = await db.selectFrom('health_travel').select(['declaration_id', 'district', 'date']).where('declaration_id', 'in', declarations.length ? declarations.map((d) => d.id) : ['-']).execute();
        return {
          status,
          colourHistory: history.map((h) => ({ from: h.from_colour, to: h.to_colour, cause: h.cause, at: new Date(Number(h.at)).toISOString() })),
          appeals: await health.appeals.mine(s.accountId),
          declarations: declarations.map((d) => ({
            date: d.date,
            declaredAt: new Date(Number(d.declared_at)).toISOString(),
            symptoms: d.symptoms,
            travel: travel.filter((t) => t.declaration_id === d.id).map((t) => ({ district: t.district, date: t.date })),
          })),
        };
      },
    },
    eraser: {
      domain: 'health',
      async erase(s) {
        if (s.personId === null) return { declarationsDeleted: 0, statusDeleted: 0, appealsPseudonymised: 0 };
        const personId = s.personId;
        const ids = (await db.selectFrom('health_declarations').select('id').where('person_id', '=', personId).execute()).map((d) => d.id);
        if (ids.length) await db.deleteFrom('health_travel').where('declaration_id', 'in', ids).execute();
        const decl = await db.deleteFrom('health_declarations').where('person_id', '=', personId).executeTakeFirst();
        const status = await db.deleteFrom('health_status').where('person_id', '=', personId).executeTakeFirst();
        const appeals = await db.updateTable('health_appeals').set({ reason: ERASED_TEXT, decision_note: ERASED_TEXT }).where('person_id', '=', personId).executeTakeFirst();
        await hotStore.del(healthStatusKey(personId));
        health.status.forgetLocal();
        return { declarationsDeleted: Number(decl.numDeletedRows), statusDeleted: Number(status.numDeletedRows), appealsPseudonymised: Number(appeals.numUpdatedRows) };
      },
    },
  };
}
