import { randomBytes, randomUUID } from 'node:crypto';
import { base64UrlEncode, type AdminIssuePrintedCodeRequest, type PrintedCode, type RevocationListResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { PiiCipher } from '../../infra/crypto/pii-cipher';
import type { AuditLog } from '../audit/audit-log';
import type { PersonStore } from '../identity/person-store';
import type { PopulationRegistry } from '../identity/population-registry';
import type { RoleService } from '../roles/role-service';
import { signCode } from './code-signer';
import type { PrintedCodeRecord, PrintedCodeStore } from './code-ref-store';
import type { KeyRing } from './key-ring';
import type { PersonDirectoryPort } from './personal-code-ports';
import type { Operator } from './personal-code-service';
import { hexToRef } from './person-refs';
import type { PrintedCardIndex } from './printed-card-index';
import type { RevocationList } from './revocation-list';

const DAY_MS = 86_400_000;
const INSERT_ATTEMPTS = 5;

export interface PrintedCodeServiceDeps {
  ring: KeyRing;
  store: PrintedCodeStore;
  index: PrintedCardIndex;
  revocations: RevocationList;
  directory: PersonDirectoryPort;
  persons: PersonStore;
  registry: PopulationRegistry;
  cipher: PiiCipher;
  roles: RoleService;
  audit: AuditLog;
  printedTtlDays: number;
  now: () => number;
}

function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

function notFound(): AppError {
  return new AppError(404, 'PRINTED_CODE_NOT_FOUND', 'No such printed code');
}

/**
 * Printed cards (离线码) for people without a phone: a long-lived code with no colour, one random ref
 * per card so that one card can be revoked without touching the others or the person's live code.
 */
export class PrintedCodeService {
  constructor(private readonly deps: PrintedCodeServiceDeps) {}

  /** For the caller or one of their family members (personId omitted = the caller). */
  async issue(accountId: string, personId: string | undefined): Promise<PrintedCode> {
    const target = await this.personActedFor(accountId, personId);
    return this.present(await this.create(target, accountId));
  }

  async list(accountId: string, personId: string | undefined): Promise<PrintedCode[]> {
    const target = await this.personActedFor(accountId, personId);
    return Promise.all((await this.deps.store.listOf(target)).map((card) => this.present(card)));
  }

  /** The card's person, their family holder, or an administrator (audited) may revoke it. */
  async revoke(op: Operator, id: string): Promise<void> {
    const card = await this.deps.store.findById(id);
    if (!card) throw notFound();
    const asAdmin = !(await this.actsFor(op.accountId, card.personId));
    if (asAdmin && !(await this.deps.roles.rolesOf(op.accountId)).some((g) => g.role === 'admin')) throw notFound();
    const by = asAdmin ? `admin:${op.accountId}` : op.accountId;
    const changed = await this.deps.store.revoke(card.id, this.deps.now(), by);
    this.deps.revocations.add({ refHex: card.refHex, expiresAt: card.expiresAt });
    if (asAdmin) {
      await this.deps.audit.record({ actor: op.accountId, action: 'code.printed.revoke', targetType: 'person', targetId: card.personId, requestId: op.requestId, details: { printedCodeId: card.id, changed } });
    }
  }

  /** An administrator prints a card for anyone in the registry (audited; never the ID number in the log). */
  async adminIssue(op: Operator, req: AdminIssuePrintedCodeRequest): Promise<PrintedCode> {
    if (!(await this.deps.registry.matches(req.idNumber, req.name))) {
      throw new AppError(422, 'IDENTITY_MISMATCH', 'Name and ID number do not match the registry');
    }
    const { cipher } = this.deps;
    const person = await this.deps.persons.findOrCreate({
      idHash: cipher.hash('id', req.idNumber),
      idCipher: cipher.encrypt(req.idNumber),
      nameCipher: cipher.encrypt(req.name),
      birthDate: birthDateOf(req.idNumber),
    });
    const card = await this.create(person.id, `admin:${op.accountId}`);
    await this.deps.audit.record({ actor: op.accountId, action: 'code.printed.issue', targetType: 'person', targetId: person.id, requestId: op.requestId, details: { printedCodeId: card.id, expiresAt: card.expiresAt } });
    return this.present(card);
  }

  async revocationList(): Promise<RevocationListResponse> {
    const { items, updatedAt } = await this.deps.revocations.list();
    return {
      revoked: items.map((r) => ({ ref: base64UrlEncode(hexToRef(r.refHex)), expiresAt: new Date(r.expiresAt).toISOString() })),
      updatedAt: new Date(Number.isFinite(updatedAt) ? updatedAt : this.deps.now()).toISOString(),
    };
  }

  private async create(personId: string, issuedBy: string): Promise<PrintedCodeRecord> {
    // Whole seconds: the code carries Unix seconds, and the stored times must re-sign to the same text.
    const issuedAt = Math.floor(this.deps.now() / 1000) * 1000;
    for (let attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
      const card: PrintedCodeRecord = { id: randomUUID(), personId, refHex: randomBytes(8).toString('hex'), issuedBy, issuedAt, expiresAt: issuedAt + this.deps.printedTtlDays * DAY_MS, revokedAt: null, revokedBy: null };
      if (await this.deps.store.insert(card)) {
        this.deps.index.remember(card.refHex, personId, card.expiresAt);
        return card;
      }
    }
    throw new Error('could not store a printed code');
  }

  /** Ed25519 is deterministic: the key that signed at issue time gives the same text again, so no code is stored. */
  private async present(card: PrintedCodeRecord): Promise<PrintedCode> {
    const code = signCode(
      { kind: 'printed', colour: null, issuedAt: card.issuedAt / 1000, expiresAt: card.expiresAt / 1000, ref: hexToRef(card.refHex) },
      this.deps.ring.signerAt(card.issuedAt),
    );
    return {
      id: card.id,
      code,
      maskedName: (await this.deps.directory.maskedIdentity(card.personId)).name,
      issuedAt: new Date(card.issuedAt).toISOString(),
      expiresAt: new Date(card.expiresAt).toISOString(),
      revokedAt: card.revokedAt === null ? null : new Date(card.revokedAt).toISOString(),
    };
  }

  /** Identity's one rule for "oneself or a family member" (404 NOT_FOUND for anyone else). */
  private personActedFor(accountId: string, personId: string | undefined): Promise<string> {
    return this.deps.directory.resolveSubject(accountId, personId);
  }

  private async actsFor(accountId: string, personId: string): Promise<boolean> {
    try {
      await this.personActedFor(accountId, personId);
      return true;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'IDENTITY_REQUIRED')) return false;
      throw err;
    }
  }
}
