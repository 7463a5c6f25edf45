import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginChannel, MaskedIdentity } from '@govpass/shared-types';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { sessionKey } from '../../infra/hot-store/keys';

export interface Session {
  accountId: string;
  channel: LoginChannel;
  createdAt: number;
  /** The session's id as 我的 → 登录设备 lists it (absent in sessions issued before the listing existed). */
  sessionId?: string;
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
  sessionId: string;
  createdAt: number;
  /** SHA-256 of the token (hex): what the hot-store key is built from, and the listing names it by. */
  tokenHash: string;
}

/** What a token says about itself: nothing is proven until its session record is found. */
export interface TokenClaims {
  accountId: string;
  personId: string;
}

const RANDOM_PART = /^[A-Za-z0-9_-]{43}$/;
// <43 random chars>[.<accountId>.<personId>]: ids are UUIDs; the bound keeps the key hash cheap.
const TOKEN = /^[A-Za-z0-9_-]{43}(?:\.[A-Za-z0-9-]{1,64}\.[A-Za-z0-9-]{1,64})?$/;

/**
 * Bearer tokens in the hot store with expiry. Only the SHA-256 of a token is used as the key, so a
 * dump of Redis does not hand out live tokens.
 *
 * A verified citizen's token also names its account and person (`<random>.<accountId>.<personId>`),
 * in plain sight and unsigned: whoever changes them changes the token, whose hash then finds no
 * record. That lets a booking build its person keys before the session is read, and check the
 * session in the same Redis step as the booking (book-single.lua) instead of one step earlier.
 */
export class SessionStore {
  constructor(
    private readonly store: HotStore,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The record's key for a well-formed token (any token: the caller proves nothing by it). */
  keyOf(token: string): string {
    return sessionKey(this.hashOf(token));
  }

  hashOf(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** What the token claims, for a well-formed token that names a person; null otherwise. */
  claimsOf(token: string): TokenClaims | null {
    if (token.length <= 43 || !TOKEN.test(token)) return null;
    const [, accountId, personId] = token.split('.');
    return { accountId, personId };
  }

  async issue(session: Omit<Session, 'createdAt' | 'sessionId'>): Promise<IssuedSession> {
    const random = randomBytes(32).toString('base64url');
    const token = session.person ? `${random}.${session.accountId}.${session.person.personId}` : random;
    if (!TOKEN.test(token) || !RANDOM_PART.test(random)) throw new TypeError('account and person ids must be UUID-like to go into a token');
    const createdAt = this.now();
    const sessionId = randomUUID();
    const tokenHash = this.hashOf(token);
    await this.store.set(sessionKey(tokenHash), JSON.stringify({ ...session, sessionId, createdAt }), this.ttlSeconds * 1000);
    return { token, expiresAt: createdAt + this.ttlSeconds * 1000, sessionId, createdAt, tokenHash };
  }

  async resolve(token: string): Promise<Session | null> {
    if (!TOKEN.test(token)) return null;
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

  /**
   * Ends the session at once: the record is deleted, so the next request with the token (the
   * middleware's read, or the booking's Lua step, which reads the same key) finds nothing → 401.
   * There is deliberately no in-process cache of session records (docs/privacy.md, "Sessions").
   */
  async revoke(token: string): Promise<void> {
    await this.store.del(this.keyOf(token));
  }

  /** Ends a session known by its token hash (a listed session revoked from another device). */
  async revokeByHash(tokenHash: string): Promise<void> {
    await this.store.del(sessionKey(tokenHash));
  }

  /** Whether the session behind a token hash is still live (listing drops those that expired). */
  async isLive(tokenHash: string): Promise<boolean> {
    return (await this.store.get(sessionKey(tokenHash))) !== null;
  }
}
