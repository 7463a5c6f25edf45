import { z } from 'zod';
import type { ApiClient } from './client';

/**
 * The family list every service shares (代亮码, 代申报). ONE constant: the identity domain is moving
 * it from the mask API to its own path; switch it here when that lands.
 */
export const FAMILY_LIST_PATH = '/api/v1/masks/family';

/** Only what the health pages need; names arrive masked. Unknown fields are ignored. */
export const FamilyPerson = z.object({
  personId: z.string(),
  name: z.string(),
  relation: z.string().optional(),
});
export type FamilyPerson = z.infer<typeof FamilyPerson>;
const FamilyPeople = z.object({ items: z.array(FamilyPerson) });

export async function listFamilyPeople(core: ApiClient): Promise<FamilyPerson[]> {
  const contract = { method: 'GET', path: FAMILY_LIST_PATH, auth: true, response: FamilyPeople };
  const res = (await core.send({ name: 'listFamily', contract, path: FAMILY_LIST_PATH, body: undefined, headers: {} })) as z.infer<typeof FamilyPeople>;
  return res.items;
}
