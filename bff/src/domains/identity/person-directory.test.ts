import { AppError } from '../../core/app-error';
import { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { FamilyLink, FamilyStore } from './family/family-store';
import { PersonDirectory } from './person-directory';
import type { PersonStore } from './person-store';
import type { AccountPerson, SqlPersonLookup } from './sql-person-lookup';

const KEY = 'ab'.repeat(32);

/** The family table as a list: enough to test whom the directory lets a caller act for. */
class ListFamilyStore implements FamilyStore {
  links: FamilyLink[] = [];
  async listOf(holder: string): Promise<FamilyLink[]> {
    return this.links.filter((l) => l.holderPersonId === holder);
  }
  async insert(link: FamilyLink): Promise<boolean> {
    this.links.push(link);
    return true;
  }
  async delete(id: string, holder: string): Promise<boolean> {
    const before = this.links.length;
    this.links = this.links.filter((l) => !(l.id === id && l.holderPersonId === holder));
    return this.links.length < before;
  }
}

function link(id: string, holder: string, member: string): FamilyLink {
  return { id, holderPersonId: holder, memberPersonId: member, relation: 'child', createdAt: 0 };
}

describe('PersonDirectory.resolveSubject', () => {
  const cipher = new PiiCipher(KEY, KEY);
  const accounts = new Map<string, AccountPerson>([
    ['acc-holder', { personId: 'p-holder', idCipher: cipher.encrypt('110105194912310021'), nameCipher: cipher.encrypt('张三') }],
    ['acc-other', { personId: 'p-other', idCipher: cipher.encrypt('110105195001010012'), nameCipher: cipher.encrypt('李四') }],
  ]);
  const lookup = { personOfAccount: async (id: string) => accounts.get(id) ?? null } as unknown as SqlPersonLookup;
  let family: ListFamilyStore;
  let directory: PersonDirectory;

  beforeEach(() => {
    family = new ListFamilyStore();
    family.links.push(link('l-1', 'p-holder', 'p-child'), link('l-2', 'p-other', 'p-nephew'));
    directory = new PersonDirectory(lookup, {} as PersonStore, family, cipher, () => 0);
  });

  async function refusal(accountId: string, personId?: string): Promise<AppError> {
    const err = await directory.resolveSubject(accountId, personId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }

  it("is the caller's own person when no person or their own is named", async () => {
    expect(await directory.resolveSubject('acc-holder')).toBe('p-holder');
    expect(await directory.resolveSubject('acc-holder', 'p-holder')).toBe('p-holder');
  });

  it("is the family member's person when the holder lists them", async () => {
    expect(await directory.resolveSubject('acc-holder', 'p-child')).toBe('p-child');
  });

  it("answers 404 NOT_FOUND for anyone outside the caller's family, another family's member included", async () => {
    for (const personId of ['p-nephew', 'p-other', 'p-nobody']) {
      const err = await refusal('acc-holder', personId);
      expect({ status: err.status, code: err.code, message: err.message }).toEqual({ status: 404, code: 'NOT_FOUND', message: 'No such family member' });
    }
  });

  it('answers 403 IDENTITY_REQUIRED before the caller has verified, whomever they name', async () => {
    for (const personId of [undefined, 'p-child']) {
      const err = await refusal('acc-unverified', personId);
      expect({ status: err.status, code: err.code }).toEqual({ status: 403, code: 'IDENTITY_REQUIRED' });
    }
  });

  it('stops resolving a removed member as soon as the family change is announced', async () => {
    expect(await directory.resolveSubject('acc-holder', 'p-child')).toBe('p-child');
    await family.delete('l-1', 'p-holder');
    directory.familyChanged('p-holder');
    expect((await refusal('acc-holder', 'p-child')).code).toBe('NOT_FOUND');
  });
});
