import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../infra/db/database';

/** Tables whose rows belong to a person and were made by a holder (the account's own person). */
type PersonRowTable = 'mask_reservations' | 'lottery_applications';

/**
 * The newest rows of `people` or made by `holderPersonId` (a family member's reservation the holder
 * made, also after the member left the family): what "my reservations" lists, the same for
 * reservations and lottery applications.
 */
export function listForPeople<T extends PersonRowTable>(db: Kysely<Database>, table: T, personIds: string[], holderPersonId: string, limit: number) {
  // Widened to the union, so that Kysely checks the columns against both tables rather than a type parameter.
  const from: PersonRowTable = table;
  return (db as unknown as Kysely<Pick<Database, PersonRowTable>>)
    .selectFrom(from)
    .selectAll()
    .where((eb) => eb.or([eb('person_id', 'in', personIds), eb('holder_person_id', '=', holderPersonId)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<Selectable<Database[T]>[]>;
}
