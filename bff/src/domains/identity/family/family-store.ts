import type { FamilyRelation } from '@govpass/shared-types';

export interface FamilyLink {
  id: string;
  holderPersonId: string;
  memberPersonId: string;
  relation: FamilyRelation;
  createdAt: number;
}

export interface FamilyStore {
  /** Oldest first. */
  listOf(holderPersonId: string): Promise<FamilyLink[]>;
  /** False when the member is already linked to this holder. */
  insert(link: FamilyLink): Promise<boolean>;
  delete(id: string, holderPersonId: string): Promise<boolean>;
}
