import { maskIdNumber, maskName, type BindIdentityRequest, type MaskedIdentity } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { AccountStore } from '../accounts/account-store';
import type { PersonStore, PersonRecord } from './person-store';
import type { PopulationRegistry } from './population-registry';

function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export class IdentityService {
  constructor(
    private readonly accounts: AccountStore,
    private readonly persons: PersonStore,
    private readonly registry: PopulationRegistry,
    private readonly cipher: PiiCipher,
  ) {}

  /**
   * Binds a verified real-name identity to an account. The person is found by the keyed hash of
   * the ID number, so WeChat, Alipay and H5 accounts of one citizen all land on ONE person.
   */
  async bind(accountId: string, req: BindIdentityRequest): Promise<MaskedIdentity> {
    return (await this.bindPerson(accountId, req)).identity;
  }

  /** Like bind, also naming the person (the session keeps both). */
  async bindPerson(accountId: string, req: BindIdentityRequest): Promise<{ personId: string; identity: MaskedIdentity }> {
    if (!(await this.registry.matches(req.idNumber, req.name))) {
      throw new AppError(422, 'IDENTITY_MISMATCH', 'Name and ID number do not match the registry');
    }
    const person = await this.persons.findOrCreate({
      idHash: this.cipher.hash('id', req.idNumber),
      idCipher: this.cipher.encrypt(req.idNumber),
      nameCipher: this.cipher.encrypt(req.name),
      birthDate: birthDateOf(req.idNumber),
    });
    const outcome = await this.accounts.bindPerson(accountId, person.id);
    if (outcome === 'bound-to-other') {
      throw new AppError(409, 'IDENTITY_ALREADY_BOUND', 'This account is already bound to a different identity');
    }
    return { personId: person.id, identity: this.mask(person) };
  }

  async maskedIdentityOf(personId: string | null): Promise<MaskedIdentity | null> {
    if (!personId) return null;
    const person = await this.persons.findById(personId);
    return person ? this.mask(person) : null;
  }

  private mask(person: PersonRecord): MaskedIdentity {
    return { name: maskName(this.cipher.decrypt(person.nameCipher)), idNumber: maskIdNumber(this.cipher.decrypt(person.idCipher)) };
  }
}
