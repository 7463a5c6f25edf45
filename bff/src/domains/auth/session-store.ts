import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginChannel, MaskedIdentity } from '@govpass/shared-types';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { sessionKey } from '../../infra/hot-store/keys';
import { uncachedReads, type CachedReads } from '../../infra/redis/tracked-read-cache';

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
  private readonly reads: CachedReads;

  /**
   * `reads`: the app's tracked read cache (infra/redis/tracked-read-cache): a record is held in
   * process until Redis says its key changed (revoked, person attached, expired), so a request
   * usually reads no store. Without it every request reads the store.
   */
  constructor(
    private readonly store: HotStore,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    reads?: CachedReads,
  ) {
    this.reads = reads ?? uncachedReads((key) => store.get(key));
  }

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
    const key = this.keyOf(token);
    const session = await this.reads.read(key, parseSession);
    // A copy held past the session's life: Redis may not have reclaimed the expired key yet (its
    // invalidation comes then), while its own GET would already say "absent". Ask Redis.
    if (session && this.reads.live && this.now() - session.createdAt >= this.ttlSeconds * 1000) {
      const raw = await this.store.get(key);
      return raw ? parseSession(raw) : null;
    }
    return session;
  }

  /** Adds the person to a live session after verification, keeping its expiry. */
  async attachPerson(token: string, person: SessionPerson): Promise<void> {
    const key = this.keyOf(token);
    const [raw, ttl] = await Promise.all([this.store.get(key), this.store.ttlMs(key)]);
    if (!raw || ttl <= 0) return;
    this.reads.forget(key);
    await this.store.set(key, JSON.stringify({ ...(JSON.parse(raw) as Session), person }), ttl);
  }

  /**
   * Ends the session at once: the record is deleted, so the next request with the token (the
   * middleware's read, or the booking's Lua step, which reads the same key) finds nothing → 401.
   * Processes that hold the record in their tracked read cache drop it when Redis tells them of
   * the delete, which it sends with the delete's reply (docs/privacy.md, "Sessions").
   */
  async revoke(token: string): Promise<void> {
    const key = this.keyOf(token);
    this.reads.forget(key);
    await this.store.del(key);
  }

  /** Ends a session known by its token hash (a listed session revoked from another device). */
  async revokeByHash(tokenHash: string): Promise<void> {
    const key = sessionKey(tokenHash);
    this.reads.forget(key);
    await this.store.del(key);
  }

  /** Whether the session behind a token hash is still live (listing drops those that expired). */
  async isLive(tokenHash: string): Promise<boolean> {
    return (await this.store.get(sessionKey(tokenHash))) !== null;
  }
}

function parseSession(raw: string): Session {
  return JSON.parse(raw) as Session;
}
