import { randomBytes } from 'node:crypto';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { codeRefOfPersonKey, personOfCodeRefKey } from '../../infra/hot-store/keys';
import { LRUCache } from 'lru-cache';
import type { CodeRefStore } from './code-ref-store';

const CREATE_ATTEMPTS = 5;

export function refToHex(ref: Uint8Array): string {
  return Buffer.from(ref.buffer, ref.byteOffset, ref.byteLength).toString('hex');
}

export function hexToRef(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/**
 * The pseudonymous ref of each person's live code (8 random bytes, never derived from who they
 * are), made on the first issue. Read in this order: in-process cache, hot store, MySQL (the
 * durable record), so a code shown or verified a second time touches no store at all. A ref never
 * changes, so nothing here expires; a hot store that fails only costs a MySQL read.
 */
export class PersonRefs {
  private readonly refByPerson: LRUCache<string, Uint8Array>;
  private readonly personByRef: LRUCache<string, string>;
  private readonly creating = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly store: CodeRefStore,
    private readonly hot: HotStore,
    private readonly now: () => number,
    private readonly onHotStoreError: (err: unknown) => void,
    maxEntries = 200_000,
  ) {
    this.refByPerson = new LRUCache({ max: maxEntries });
    this.personByRef = new LRUCache({ max: maxEntries });
  }

  /** The person's ref, created on first use. */
  refFor(personId: string): Promise<Uint8Array> {
    const cached = this.refByPerson.get(personId);
    if (cached) return Promise.resolve(cached);
    let pending = this.creating.get(personId);
    if (!pending) {
      pending = this.load(personId).finally(() => this.creating.delete(personId));
      this.creating.set(personId, pending);
    }
    return pending;
  }

  /** The person a live code's ref names, or null when no person has that ref. */
  async personOf(refHex: string): Promise<string | null> {
    const cached = this.personByRef.get(refHex);
    if (cached) return cached;
    let personId = await this.hotGet(personOfCodeRefKey(refHex));
    if (!personId) {
      personId = await this.store.personOf(refHex);
      if (personId) await this.hotRemember(personId, refHex);
    }
    if (personId) this.remember(personId, refHex);
    return personId;
  }

  private async load(personId: string): Promise<Uint8Array> {
    const hot = await this.hotGet(codeRefOfPersonKey(personId));
    if (hot) return this.remember(personId, hot);
    // Not in the hot store (first use, or the store was flushed): MySQL, then written back.
    const refHex = (await this.store.refOf(personId)) ?? (await this.create(personId));
    await this.hotRemember(personId, refHex);
    return this.remember(personId, refHex);
  }

  /** A unique-key refusal means another process made this person's ref first, or (1 in 2^64) the ref is taken. */
  private async create(personId: string): Promise<string> {
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      const refHex = randomBytes(8).toString('hex');
      if ((await this.store.insert(personId, refHex, this.now())) === 'created') return refHex;
      const existing = await this.store.refOf(personId);
      if (existing) return existing;
    }
    throw new Error('could not create a personal-code ref');
  }

  private remember(personId: string, refHex: string): Uint8Array {
    const ref = hexToRef(refHex);
    this.refByPerson.set(personId, ref);
    this.personByRef.set(refHex, personId);
    return ref;
  }

  private async hotGet(key: string): Promise<string | null> {
    try {
      return await this.hot.get(key);
    } catch (err) {
      this.onHotStoreError(err);
      return null;
    }
  }

  private async hotRemember(personId: string, refHex: string): Promise<void> {
    try {
      await Promise.all([this.hot.set(codeRefOfPersonKey(personId), refHex), this.hot.set(personOfCodeRefKey(refHex), personId)]);
    } catch (err) {
      this.onHotStoreError(err);
    }
  }
}
