import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/app-error';
import type { PiiCipher } from '../../../infra/crypto/pii-cipher';
import { FAMILY_MEMBER_LIMIT, type AddFamilyMemberRequest, type FamilyMember } from '@govpass/shared-types';
import type { PersonDirectory } from '../person-directory';
import type { PersonStore } from '../person-store';
import type { PopulationRegistry } from '../population-registry';
import type { FamilyLink, FamilyStore } from './family-store';

function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * Family members a verified citizen may book for (children, elderly parents without a phone).
 * A member is checked against the registry exactly like an own identity and becomes the same
 * person row the member would get by verifying themself, so "one booking per person" holds
 * whoever books.
 */
export class FamilyService {
  constructor(
    private readonly family: FamilyStore,
    private readonly persons: PersonStore,
    private readonly registry: PopulationRegistry,
    private readonly cipher: PiiCipher,
    private readonly directory: PersonDirectory,
    private readonly now: () => number,
  ) {}

  async list(accountId: string): Promise<FamilyMember[]> {
    const holder = await this.directory.requirePersonOf(accountId);
    return Promise.all((await this.family.listOf(holder)).map((l) => this.toMember(l)));
  }

  async add(accountId: string, req: AddFamilyMemberRequest): Promise<FamilyMember> {
    const holder = await this.directory.requirePersonOf(accountId);
    if ((await this.family.listOf(holder)).length >= FAMILY_MEMBER_LIMIT) throw familyLimit();
    if (!(await this.registry.matches(req.idNumber, req.name))) {
      throw new AppError(422, 'IDENTITY_MISMATCH', 'Name and ID number do not match the registry');
    }
    const member = await this.persons.findOrCreate({
      idHash: this.cipher.hash('id', req.idNumber),
      idCipher: this.cipher.encrypt(req.idNumber),
      nameCipher: this.cipher.encrypt(req.name),
      birthDate: birthDateOf(req.idNumber),
    });
    if (member.id === holder) throw new AppError(409, 'CONFLICT', 'That is your own identity');
    const link: FamilyLink = { id: randomUUID(), holderPersonId: holder, memberPersonId: member.id, relation: req.relation, createdAt: this.now() };
    if (!(await this.family.insert(link))) throw new AppError(409, 'CONFLICT', 'Already a family member');
    await this.undoIfOverLimit(holder, link);
    this.directory.familyChanged(holder);
    return this.toMember(link);
  }

  async remove(accountId: string, linkId: string): Promise<void> {
    const holder = await this.directory.requirePersonOf(accountId);
    if (!(await this.family.delete(linkId, holder))) throw new AppError(404, 'NOT_FOUND', 'No such family member');
    this.directory.familyChanged(holder);
  }

  /** Two concurrent adds may both pass the first check; the later one (by order in the list) backs out. */
  private async undoIfOverLimit(holder: string, link: FamilyLink): Promise<void> {
    const links = await this.family.listOf(holder);
    const position = links.findIndex((l) => l.id === link.id);
    if (position >= FAMILY_MEMBER_LIMIT) {
      await this.family.delete(link.id, holder);
      throw familyLimit();
    }
  }

  private async toMember(link: FamilyLink): Promise<FamilyMember> {
    const identity = await this.directory.maskedIdentity(link.memberPersonId);
    // The masked ID keeps the real last four; the full number never leaves the directory.
    return { id: link.id, personId: link.memberPersonId, name: identity.name, idNumber: identity.idNumber, idLast4: identity.idNumber.slice(-4), relation: link.relation };
  }
}

function familyLimit(): AppError {
  return new AppError(409, 'FAMILY_LIMIT', `At most ${FAMILY_MEMBER_LIMIT} family members`, { details: { limit: FAMILY_MEMBER_LIMIT } });
}
