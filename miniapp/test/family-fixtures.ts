import type { FamilyMember } from '../src/api/family-contract';

/** The family list's paths (identityRoutes): one list every service uses. */
export const FAMILY = {
  list: '/api/v1/family',
  member: (id: string) => `/api/v1/family/${encodeURIComponent(id)}`,
} as const;

export function familyMember(id: string, overrides: Partial<FamilyMember> = {}): FamilyMember {
  return { id, personId: `person-of-${id}`, name: '李*', idNumber: '1101**********0021', idLast4: '0021', relation: 'parent', ...overrides };
}
