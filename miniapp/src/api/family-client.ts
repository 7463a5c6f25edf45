import type { z } from 'zod';
import type { ApiClient } from './client';
import { fillPath } from './fill-path';
import { identityRoutes, type AddFamilyMemberRequest, type IdentityResponseBody, type IdentityRouteName } from './family-contract';

/** 家人: the one family list every service uses (identityRoutes), on the app's core client. */
export interface FamilyApiClient {
  list(): Promise<IdentityResponseBody<'listFamily'>>;
  add(body: z.input<typeof AddFamilyMemberRequest>): Promise<IdentityResponseBody<'addFamilyMember'>>;
  /** `id` is the family link's id (FamilyMember.id), not the member's person id. */
  remove(id: string): Promise<IdentityResponseBody<'removeFamilyMember'>>;
}

export function createFamilyClient(core: ApiClient): FamilyApiClient {
  const send = <N extends IdentityRouteName>(name: N, path: string, body?: unknown) =>
    core.send({ name, contract: identityRoutes[name], path, body, headers: {} }) as Promise<IdentityResponseBody<N>>;
  return {
    list: () => send('listFamily', identityRoutes.listFamily.path),
    add: (body) => send('addFamilyMember', identityRoutes.addFamilyMember.path, body),
    // async: a missing id rejects like any failed call instead of throwing at the call site.
    remove: async (id) => send('removeFamilyMember', fillPath(identityRoutes.removeFamilyMember.path, { id })),
  };
}
