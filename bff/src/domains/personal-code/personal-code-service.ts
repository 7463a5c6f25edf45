import type { CodeKeysResponse, HealthColour, LookupByIdNumberResponse, VerifyCodeResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuditLog } from '../audit/audit-log';
import { signCode } from './code-signer';
import { verifyCodeText } from './code-verifier';
import type { KeyRing } from './key-ring';
import type { PersonDirectoryPort, PersonStatusSource } from './personal-code-ports';
import type { PersonRefs } from './person-refs';
import { refToHex } from './person-refs';
import type { PrintedCardIndex } from './printed-card-index';
import type { RevocationList } from './revocation-list';

function revoked(): AppError {
  return new AppError(422, 'REVOKED', 'This printed code has been revoked');
}

/** A live code as the health domain shows it; times are ISO instants (the API's form). */
export interface IssuedCode {
  code: string;
  issuedAt: string;
  expiresAt: string;
}

/** A verified code and the person it names; times are epoch ms (for the domains that compare them). */
export interface ResolvedCode {
  kind: 'live' | 'printed';
  personId: string;
  /** The colour signed into a live code; null for a printed card. */
  colourInCode: HealthColour | null;
  issuedAt: number;
  expiresAt: number;
}

export interface PersonalCodeSettings {
  liveTtlSeconds: number;
  clockSkewSeconds: number;
}

export interface PersonalCodeServiceDeps {
  ring: KeyRing;
  refs: PersonRefs;
  printed: PrintedCardIndex;
  revocations: RevocationList;
  directory: PersonDirectoryPort;
  status: PersonStatusSource;
  audit: AuditLog;
  settings: PersonalCodeSettings;
  now: () => number;
}

export interface Operator {
  accountId: string;
  requestId: string | null;
}

/**
 * Issues and resolves the personal code every door scans (docs/personal-code.md). Showing and
 * verifying a code read no MySQL once a person's ref is known: refs, printed cards, revocations and
 * masked names are held in process.
 */
export class PersonalCodeService {
  private readonly keysResponse: CodeKeysResponse;

  constructor(private readonly deps: PersonalCodeServiceDeps) {
    this.keysResponse = { keys: deps.ring.publicKeys() };
  }

  publicKeys(): CodeKeysResponse {
    return this.keysResponse;
  }

  /** A fresh live code carrying `colour`, valid for liveTtlSeconds. */
  async issueLive(personId: string, colour: HealthColour): Promise<IssuedCode> {
    const ref = await this.deps.refs.refFor(personId);
    const nowMs = this.deps.now();
    const issuedAt = Math.floor(nowMs / 1000);
    const expiresAt = issuedAt + this.deps.settings.liveTtlSeconds;
    const code = signCode({ kind: 'live', colour, issuedAt, expiresAt, ref }, this.deps.ring.signerAt(nowMs));
    return { code, issuedAt: new Date(issuedAt * 1000).toISOString(), expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /**
   * The person a scanned code names, after every check a verifier makes. Throws AppError 422
   * INVALID_CODE / UNKNOWN_KEY / CODE_EXPIRED / REVOKED.
   */
  async resolve(codeText: string): Promise<ResolvedCode> {
    const nowSeconds = Math.floor(this.deps.now() / 1000);
    const payload = verifyCodeText(codeText, this.deps.ring, nowSeconds, this.deps.settings.clockSkewSeconds);
    const refHex = refToHex(payload.ref);
    const personId = payload.kind === 'printed' ? await this.printedCardPerson(refHex) : await this.deps.refs.personOf(refHex);
    // Only a code our own key signed gets here: a ref without a person means lost data, not a forgery.
    if (!personId) throw new AppError(422, 'INVALID_CODE', 'The code names nobody');
    return { kind: payload.kind, personId, colourInCode: payload.colour, issuedAt: payload.issuedAt * 1000, expiresAt: payload.expiresAt * 1000 };
  }

  private async printedCardPerson(refHex: string): Promise<string | null> {
    if (await this.deps.revocations.has(refHex)) throw revoked();
    const card = await this.deps.printed.lookup(refHex);
    if (card?.revokedAt != null) {
      // Revoked by another process since this one last read the list: count it now.
      this.deps.revocations.add({ refHex, expiresAt: card.expiresAt });
      throw revoked();
    }
    return card?.personId ?? null;
  }

  /** resolve + the masked person + the colour now. */
  async verify(codeText: string): Promise<VerifyCodeResponse> {
    const resolved = await this.resolve(codeText);
    const [identity, status] = await Promise.all([this.deps.directory.maskedIdentity(resolved.personId), this.deps.status.statusOf(resolved.personId)]);
    return {
      valid: true,
      kind: resolved.kind,
      person: { maskedName: identity.name, maskedIdNumber: identity.idNumber },
      colour: status.colour,
      codeColour: resolved.colourInCode,
      reasons: status.reasons,
      issuedAt: new Date(resolved.issuedAt).toISOString(),
      expiresAt: new Date(resolved.expiresAt).toISOString(),
    };
  }

  /** 无码通行: the colour of someone without a phone or card. Audited by person id, never the ID number. */
  async lookupByIdNumber(op: Operator, idNumber: string): Promise<LookupByIdNumberResponse> {
    const personId = await this.deps.directory.findByIdNumber(idNumber);
    await this.deps.audit.record({ actor: op.accountId, action: 'code.lookup-by-id-number', targetType: 'person', targetId: personId ?? 'not-found', requestId: op.requestId, details: { found: personId !== null } });
    if (!personId) throw new AppError(404, 'PERSON_NOT_FOUND', 'Nobody with this ID number is registered');
    const [identity, status] = await Promise.all([this.deps.directory.maskedIdentity(personId), this.deps.status.statusOf(personId)]);
    return { person: { maskedName: identity.name, maskedIdNumber: identity.idNumber }, colour: status.colour, reasons: status.reasons, greenFrom: status.greenFrom };
  }
}
