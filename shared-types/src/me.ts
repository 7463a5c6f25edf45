import { z } from 'zod';
import { LoginChannel, RoleGrant } from './auth';
import { MaskedIdentity } from './identity';

export const MeResponse = z.object({
  account: z.object({
    id: z.string(),
    channel: LoginChannel,
    createdAt: z.string(),
  }),
  verified: z.boolean(),
  identity: MaskedIdentity.nullable(),
  roles: z.array(RoleGrant),
});
export type MeResponse = z.infer<typeof MeResponse>;
