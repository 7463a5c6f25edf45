import type { Kysely, Selectable } from 'kysely';
import type { Database, HallWindowShiftsTable } from '../../../infra/db/database';

export type ShiftRow = Selectable<HallWindowShiftsTable>;

/** The decision a sign-in transaction reaches, given what it read under its own writes. */
export type SignInOutcome =
  | { kind: 'signed_in'; row: ShiftRow; released: ShiftRow[] }
  | { kind: 'already'; row: ShiftRow }
  | { kind: 'elsewhere'; row: ShiftRow }
  | { kind: 'taken'; row: ShiftRow };

/**
 * hall_window_shifts (migration 0016): the account is the primary key and the window unique, so
 * the database itself refuses a second window per person or a second person per window, even
 * when two sign-ins race (the loser meets a unique violation and reads again).
 */
export class SqlWindowShiftStore {
  constructor(private readonly db: Kysely<Database>) {}

  async ofAccount(accountId: string, day: string): Promise<ShiftRow | null> {
    return (await this.db.selectFrom('hall_window_shifts').selectAll().where('account_id', '=', accountId).where('day', '=', day).executeTakeFirst()) ?? null;
  }

  async ofHall(hallId: string, day: string): Promise<ShiftRow[]> {
    return this.db.selectFrom('hall_window_shifts').selectAll().where('hall_id', '=', hallId).where('day', '=', day).execute();
  }

  async signIn(next: ShiftRow, takeOver: boolean): Promise<SignInOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('hall_window_shifts')
        .selectAll()
        .where((eb) => eb.or([eb('account_id', '=', next.account_id), eb('window_id', '=', next.window_id)]))
        .execute();
      // A sign-in of an earlier day ended at midnight: it neither holds the window nor the person.
      const held = rows.filter((r) => r.day === next.day);
      const mine = held.find((r) => r.account_id === next.account_id);
      if (mine && mine.window_id === next.window_id) return { kind: 'already', row: mine };
      const holder = held.find((r) => r.window_id === next.window_id);
      if (!takeOver && mine) return { kind: 'elsewhere', row: mine };
      if (!takeOver && holder) return { kind: 'taken', row: holder };
      // Deleted by key only (no range locks), so racing sign-ins meet at the INSERT's unique keys.
      for (const r of rows) await trx.deleteFrom('hall_window_shifts').where('account_id', '=', r.account_id).execute();
      await trx.insertInto('hall_window_shifts').values(next).execute();
      return { kind: 'signed_in', row: next, released: held };
    });
  }

  /** Removes the account's sign-in at the window; false when it held none there. */
  async signOut(accountId: string, windowId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('hall_window_shifts').where('account_id', '=', accountId).where('window_id', '=', windowId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
