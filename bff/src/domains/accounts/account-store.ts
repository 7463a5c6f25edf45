import type { LoginChannel } from '@govpass/shared-types';

export interface Account {
  id: string;
  channel: LoginChannel;
  channelUserId: string;
  personId: string | null;
  createdAt: number;
}

export type BindOutcome = 'bound' | 'already-bound-same' | 'bound-to-other';

export interface AccountStore {
  /** The account for a platform user, created on first login (concurrent first logins get one account). */
  findOrCreate(channel: LoginChannel, channelUserId: string, unionId?: string): Promise<Account>;
  findById(id: string): Promise<Account | null>;
  /** Links the account to a person once; an account never silently changes person. */
  bindPerson(accountId: string, personId: string): Promise<BindOutcome>;
}
