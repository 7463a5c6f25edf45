import type { Kysely, Selectable } from 'kysely';
import type { Database, HallServiceSlotSettingsTable } from '../../../infra/db/database';

export type SlotSettingsRow = Selectable<HallServiceSlotSettingsTable>;

/** hall_service_slot_settings (migration 0016): one row per service a manager has set. */
export class SqlSlotSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(serviceId: string): Promise<SlotSettingsRow | null> {
    return (await this.db.selectFrom('hall_service_slot_settings').selectAll().where('service_id', '=', serviceId).executeTakeFirst()) ?? null;
  }

  async ofHall(hallId: string): Promise<SlotSettingsRow[]> {
    return this.db.selectFrom('hall_service_slot_settings').selectAll().where('hall_id', '=', hallId).execute();
  }

  async put(row: SlotSettingsRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { service_id, ...rest } = row;
      const updated = await trx.updateTable('hall_service_slot_settings').set(rest).where('service_id', '=', service_id).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('hall_service_slot_settings').values(row).execute();
    });
  }
}
