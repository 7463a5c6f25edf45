import type { CodeKeysResponse, RevocationListResponse } from '@govpass/shared-types/src/personal-code';
import { usableKeys, type VerifierMaterial } from './offline-verifier';

/*
 * The offline verifier's key set and revocation list, kept in storage with the time they were
 * fetched so a staff phone that lost its network at the door still verifies with what it last had.
 */

export const KEYS_STORAGE_KEY = 'govpass.codeKeys';
export const REVOCATIONS_STORAGE_KEY = 'govpass.codeRevocations';
/** Keys rotate rarely; an hour-old set is fresh enough (an unknown kid triggers a refetch anyway). */
export const KEYS_MAX_AGE_MS = 60 * 60 * 1000;
/** A revoked card should stop working at the door soon: refetch the list after 5 minutes. */
export const REVOCATIONS_MAX_AGE_MS = 5 * 60 * 1000;

export interface CacheStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface VerifierSources {
  fetchKeys(): Promise<CodeKeysResponse>;
  fetchRevocations(): Promise<RevocationListResponse>;
}

interface Stored<T> {
  fetchedAt: number;
  body: T;
}

function isStored<T>(value: unknown, field: string): value is Stored<T> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { fetchedAt?: unknown; body?: Record<string, unknown> };
  return typeof v.fetchedAt === 'number' && !!v.body && typeof v.body === 'object' && Array.isArray(v.body[field]);
}

export interface VerifierCacheState {
  material: VerifierMaterial;
  /** When the key set was fetched (epoch ms), null when never. */
  keysFetchedAt: number | null;
  revocationsFetchedAt: number | null;
}

export class VerifierCache {
  constructor(
    private readonly storage: CacheStorage,
    private readonly sources: VerifierSources,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(): Stored<CodeKeysResponse> | null {
    const raw = this.storage.get(KEYS_STORAGE_KEY);
    return isStored<CodeKeysResponse>(raw, 'keys') ? raw : null;
  }

  private revocations(): Stored<RevocationListResponse> | null {
    const raw = this.storage.get(REVOCATIONS_STORAGE_KEY);
    return isStored<RevocationListResponse>(raw, 'revoked') ? raw : null;
  }

  /** What is in storage now, usable without the network. */
  state(): VerifierCacheState {
    const keys = this.keys();
    const revocations = this.revocations();
    const nowMs = this.now();
    // Entries past their card's expiry no longer matter (an expired card fails anyway).
    const revoked = (revocations?.body.revoked ?? []).filter((r) => !(Date.parse(r.expiresAt) < nowMs)).map((r) => r.ref);
    return {
      material: { keys: usableKeys(keys?.body.keys ?? []), revokedRefs: new Set(revoked) },
      keysFetchedAt: keys?.fetchedAt ?? null,
      revocationsFetchedAt: revocations?.fetchedAt ?? null,
    };
  }

  /**
   * Fetches what is stale (or everything with `force`); a failed fetch keeps the old copy, so
   * this never throws: offline verification goes on with the last good set.
   * @returns whether everything asked for could be fetched (false: probably offline).
   */
  async refresh(force = false): Promise<boolean> {
    const nowMs = this.now();
    const keysAge = nowMs - (this.keys()?.fetchedAt ?? -Infinity);
    const revocationsAge = nowMs - (this.revocations()?.fetchedAt ?? -Infinity);
    const jobs: Promise<boolean>[] = [];
    if (force || keysAge > KEYS_MAX_AGE_MS) {
      jobs.push(this.fetchInto(KEYS_STORAGE_KEY, () => this.sources.fetchKeys()));
    }
    if (force || revocationsAge > REVOCATIONS_MAX_AGE_MS) {
      jobs.push(this.fetchInto(REVOCATIONS_STORAGE_KEY, () => this.sources.fetchRevocations()));
    }
    const results = await Promise.all(jobs);
    return results.every(Boolean);
  }

  private async fetchInto(key: string, fetch: () => Promise<unknown>): Promise<boolean> {
    try {
      const body = await fetch();
      this.storage.set(key, { fetchedAt: this.now(), body });
      return true;
    } catch {
      return false;
    }
  }
}
