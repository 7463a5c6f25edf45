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
