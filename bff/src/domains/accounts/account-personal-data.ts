import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { RoleService } from '../roles/role-service';
import type { AccountStore } from './account-store';

/**
 * The account itself: in the export (channel, created, roles); deleted as the LAST step (its role
 * grants with it), so a retry after a failure part-way can still authenticate nothing but find
 * the rows by account id. The platform user id (openid) goes with the row: a later login of the
 * same person creates a new account.
 */
export function accountPersonalData(db: Kysely<Database>, accounts: AccountStore, roles: RoleService): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: {
      section: 'account',
      async contribute(s) {
        const account = await accounts.findById(s.accountId);
        return account ? { id: account.id, channel: account.channel, createdAt: new Date(account.createdAt).toISOString(), roles: await roles.rolesOf(account.id) } : null;
      },
    },
    eraser: {
      domain: 'account',
      async erase(s) {
        const grants = await db.deleteFrom('role_grants').where('account_id', '=', s.accountId).executeTakeFirst();
        const account = await db.deleteFrom('accounts').where('id', '=', s.accountId).executeTakeFirst();
        return { roleGrantsDeleted: Number(grants.numDeletedRows), accountDeleted: Number(account.numDeletedRows) };
      },
    },
  };
}
