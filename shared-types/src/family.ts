import { z } from 'zod';
import { IdNumber, PersonName } from './identity';

/*
 * Family members: the one list every service (masks, health code, venues, service hall) uses to let
 * a verified citizen act for children or elderly parents without a phone.
 */

export const FAMILY_MEMBER_LIMIT = 5;

/**
 * 与本人关系. `parent` (父母) is what links made before father and mother were told apart say; the
 * add form offers father and mother instead. Unknown stored values read as `other`.
 */
export const FamilyRelation = z.enum(['spouse', 'father', 'mother', 'parent', 'child', 'grandparent', 'grandchild', 'sibling', 'other'], { message: '请选择与本人关系' });
export type FamilyRelation = z.infer<typeof FamilyRelation>;

export const AddFamilyMemberRequest = z.object({
  name: PersonName,
  idNumber: IdNumber,
  relation: FamilyRelation,
});
export type AddFamilyMemberRequest = z.infer<typeof AddFamilyMemberRequest>;

export const FamilyMember = z.object({
  /** The family link's id (for DELETE). */
  id: z.string(),
  /** The member's person id: what services take as `personId` (booking, health code, printed card). */
  personId: z.string(),
  /** Masked (李**). */
  name: z.string(),
  /** Masked ID number (1101**********123X). */
  idNumber: z.string(),
  /** The ID number's last 4 characters, so that 李* and 李** can be told apart (尾号 123X). */
  idLast4: z.string().regex(/^[0-9X]{4}$/),
  relation: FamilyRelation,
});
export type FamilyMember = z.infer<typeof FamilyMember>;

export const FamilyListResponse = z.object({
  items: z.array(FamilyMember),
  limit: z.number().int(),
});
export type FamilyListResponse = z.infer<typeof FamilyListResponse>;

export const AddFamilyMemberResponse = z.object({ member: FamilyMember });
export type AddFamilyMemberResponse = z.infer<typeof AddFamilyMemberResponse>;
