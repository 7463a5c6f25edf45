import { z } from 'zod';
import { IdNumber, PersonName } from './identity';

/*
 * Family members: the one list every service (masks, health code, venues, service hall) uses to let
 * a verified citizen act for children or elderly parents without a phone.
 */

export const FAMILY_MEMBER_LIMIT = 5;

export const FamilyRelation = z.enum(['spouse', 'parent', 'child', 'grandparent', 'grandchild', 'sibling', 'other'], { message: '请选择与本人关系' });
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
  name: z.string(),
  idNumber: z.string(),
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
