import { maskIdNumber, maskName, type MaskedIdentity } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../core/ttl-cache';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { FamilyStore } from './family/family-store';
import type { PersonStore } from './person-store';
import type { SqlPersonLookup } from './sql-person-lookup';

const HOUR_MS = 3_600_000;

/**
 * Who a caller is and whom they may act for (book, show a code…), with in-process caches so the
 * booking path does not read MySQL for facts that never change: an account's person is bound once and never changes
 * (AccountStore.bindPerson), names and ID numbers of a person never change. Family lists can
 * change, so they are cached for seconds and dropped locally on every change.
 */
export class PersonDirectory {
  private readonly personOfAccountCache: LRUCache<string, string>;
  private readonly identityCache: LRUCache<string, MaskedIdentity>;
  private readonly familyCache: LRUCache<string, string[]>;

  constructor(
    private readonly lookup: SqlPersonLookup,
    private readonly persons: PersonStore,
    private readonly family: FamilyStore,
    private readonly cipher: PiiCipher,
    now: () => number,
    familyCacheMs = 5000,
  ) {
    this.personOfAccountCache = ttlCache(HOUR_MS, 200_000, now);
    this.identityCache = ttlCache(HOUR_MS, 200_000, now);
    this.familyCache = ttlCache(familyCacheMs, 100_000, now);
  }

  /** Unverified accounts are not cached: they may verify any moment. */
  async personOfAccount(accountId: string): Promise<string | null> {
    const cached = this.personOfAccountCache.get(accountId);
    if (cached) return cached;
    const found = await this.lookup.personOfAccount(accountId);
    if (!found) return null;
    this.personOfAccountCache.set(accountId, found.personId);
    // The booking answer shows the masked name next: it comes with the same read.
    if (!this.identityCache.get(found.personId)) this.identityCache.set(found.personId, this.mask(found.nameCipher, found.idCipher));
    return found.personId;
  }

  /** What the session already knows (person and masked identity): no MySQL read for this account. */
  remember(accountId: string, personId: string, identity: MaskedIdentity): void {
    this.personOfAccountCache.set(accountId, personId);
    if (!this.identityCache.get(personId)) this.identityCache.set(personId, identity);
  }

  /** The caller's person, or 403 IDENTITY_REQUIRED. */
  async requirePersonOf(accountId: string): Promise<string> {
    const personId = await this.personOfAccount(accountId);
    if (!personId) throw new AppError(403, 'IDENTITY_REQUIRED', 'Real-name verification is required first');
    return personId;
  }

  /**
   * Whom a request is about: the caller themself when `personId` is omitted or their own, else one
   * of their family members. Every service acting "for oneself or a family member" asks this, so
   * one rule decides whose data a caller may see. 403 IDENTITY_REQUIRED before verification; 404
   * for anyone else (the caller learns nothing about persons outside their family).
   */
  async resolveSubject(accountId: string, personId?: string): Promise<string> {
    const holder = await this.requirePersonOf(accountId);
    if (personId === undefined || personId === holder) return holder;
    if ((await this.familyMemberIds(holder)).includes(personId)) return personId;
    throw new AppError(404, 'NOT_FOUND', 'No such family member');
  }

  async familyMemberIds(holderPersonId: string): Promise<string[]> {
    const cached = this.familyCache.get(holderPersonId);
    if (cached) return cached;
    const ids = (await this.family.listOf(holderPersonId)).map((l) => l.memberPersonId);
    this.familyCache.set(holderPersonId, ids);
    return ids;
  }

  /** The holder themself and every family member: the persons the holder may act for. */
  async bookablePersons(holderPersonId: string): Promise<string[]> {
    return [holderPersonId, ...(await this.familyMemberIds(holderPersonId))];
  }

  familyChanged(holderPersonId: string): void {
    this.familyCache.delete(holderPersonId);
  }

  async maskedIdentity(personId: string): Promise<MaskedIdentity> {
    const cached = this.identityCache.get(personId);
    if (cached) return cached;
    const person = await this.persons.findById(personId);
    const identity = person ? this.mask(person.nameCipher, person.idCipher) : { name: '*', idNumber: '*' };
    if (person) this.identityCache.set(personId, identity);
    return identity;
  }

  async maskedName(personId: string): Promise<string> {
    return (await this.maskedIdentity(personId)).name;
  }

  private mask(nameCipher: string, idCipher: string): MaskedIdentity {
    return { name: maskName(this.cipher.decrypt(nameCipher)), idNumber: maskIdNumber(this.cipher.decrypt(idCipher)) };
  }

  /** The person with this ID number (keyed hash look-up), if one exists. */
  async findByIdNumber(idNumber: string): Promise<string | null> {
    return (await this.persons.findByIdHash(this.cipher.hash('id', idNumber)))?.id ?? null;
  }
}
