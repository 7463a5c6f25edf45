import { z } from 'zod';

/*
 * Pieces every contract uses. They live apart from any one service's contract so that importing
 * them (the family contract in the mini-program's main package) pulls in no other service's schemas.
 */

/** Ids of pharmacies, rounds, reservations, persons: short opaque strings (UUIDs or slugs such as ph-001). */
export const EntityId = z
  .string({ message: '缺少编号' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,36}$/, { message: '编号格式不正确' });
export type EntityId = z.infer<typeof EntityId>;

export const IdParams = z.object({ id: EntityId });
export type IdParams = z.infer<typeof IdParams>;

export const DeletedResponse = z.object({ deleted: z.literal(true) });
export type DeletedResponse = z.infer<typeof DeletedResponse>;

export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为YYYY-MM-DD' });
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant given by a client: must carry its offset (`Z` or `+08:00`), never a bare local time. */
export const IsoInstant = z.iso.datetime({ offset: true, message: '时间格式不对，请写成 2020-02-01T09:00:00+08:00 这样，带上时区' });
