import type { LoginChannel, LoginRequest, LoginResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AccountStore } from '../accounts/account-store';
import type { RoleService } from '../roles/role-service';
import type { IdentityService } from '../identity/identity-service';
import type { LoginProvider } from './providers/login-provider';
import type { SessionService } from './session-service';
import type { SessionStore } from './session-store';

export class AuthService {
  constructor(
    /** Only the channels enabled by config are present (h5 dev login is absent in production). */
    private readonly providers: Partial<Record<LoginChannel, LoginProvider>>,
    private readonly accounts: AccountStore,
    private readonly roles: RoleService,
    private readonly sessions: SessionStore,
    private readonly identity: IdentityService,
    /** Lists each session issued (我的 → 登录设备). */
    private readonly listing?: SessionService,
  ) {}

  async login(req: LoginRequest, ip = ''): Promise<LoginResponse> {
    const provider = this.providers[req.channel];
    if (!provider) throw new AppError(403, 'LOGIN_CHANNEL_DISABLED', `Login channel ${req.channel} is not enabled`);
    const platform = await provider.exchange(req.code);
    const account = await this.accounts.findOrCreate(req.channel, platform.channelUserId, platform.unionId);
    const masked = await this.identity.maskedIdentityOf(account.personId);
    const person = account.personId && masked ? { personId: account.personId, identity: masked } : undefined;
    const issued = await this.sessions.issue({ accountId: account.id, channel: req.channel, platformSessionKey: platform.sessionKey, person });
    await this.listing?.record(issued, account.id, req.channel, ip);
    return {
      token: issued.token,
      expiresAt: new Date(issued.expiresAt).toISOString(),
      user: { id: account.id, verified: account.personId !== null, roles: await this.roles.rolesOf(account.id) },
    };
  }
}
