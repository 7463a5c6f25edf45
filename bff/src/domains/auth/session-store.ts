import { createHash, randomBytes } from 'node:crypto';
import type { LoginChannel, MaskedIdentity } from '@govpass/shared-types';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { sessionKey } from '../../infra/hot-store/keys';

export interface Session {
  accountId: string;
  channel: LoginChannel;
  createdAt: number;
  /** WeChat session_key: held here so it never leaves the BFF. */
  platformSessionKey?: string;
  /**
   * The verified person behind the account (an account never changes person), with the masked
   * identity the API shows: at opening time a booking then needs no MySQL read to know who it is for.
   */
  person?: SessionPerson;
}

export interface SessionPerson {
  personId: string;
  identity: MaskedIdentity;
}

export interface IssuedSession {
  token: string;
  expiresAt: number;
}

/**
 * Opaque bearer tokens in the hot store with expiry. Only the SHA-256 of a token is used as the
 * key, so a dump of Redis does not hand out live tokens.
 */
export class SessionStore {
  constructor(
    private readonly store: HotStore,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  private keyOf(token: string): string {
    return sessionKey(createHash('sha256').update(token).digest('hex'));
  }

  async issue(session: Omit<Session, 'createdAt'>): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    await this.store.set(this.keyOf(token), JSON.stringify({ ...session, createdAt }), this.ttlSeconds * 1000);
    return { token, expiresAt: createdAt + this.ttlSeconds * 1000 };
  }

  async resolve(token: string): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const raw = await this.store.get(this.keyOf(token));
    return raw ? (JSON.parse(raw) as Session) : null;
  }

  /** Adds the person to a live session after verification, keeping its expiry. */
  async attachPerson(token: string, person: SessionPerson): Promise<void> {
    const key = this.keyOf(token);
    const [raw, ttl] = await Promise.all([this.store.get(key), this.store.ttlMs(key)]);
    if (!raw || ttl <= 0) return;
    await this.store.set(key, JSON.stringify({ ...(JSON.parse(raw) as Session), person }), ttl);
  }

  async revoke(token: string): Promise<void> {
    await this.store.del(this.keyOf(token));
  }
}
