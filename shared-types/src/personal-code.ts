import { z } from 'zod';
import { safeText } from './safe-text';
import { IdNumber, PersonName } from './identity';
import { EntityId } from './masks';

/*
 * The personal code (个人码): one person's signed, refreshing QR, scanned at every door of govpass
 * (health check, venue check-in, service-hall window). Wire format: docs/personal-code.md.
 */

export const HealthColour = z.enum(['green', 'yellow', 'red']);
export type HealthColour = z.infer<typeof HealthColour>;

/** live: the 60-second code on a phone; printed: a long-lived card (离线码) that carries no colour. */
export const CodeKind = z.enum(['live', 'printed']);
export type CodeKind = z.infer<typeof CodeKind>;

/** The QR text: `GPC1.<base64url payload>.<base64url signature>`; generous bound, real codes are ≈120. */
export const PersonalCodeText = safeText({ message: '请提供二维码内容' })
  .trim()
  .min(1, { message: '请提供二维码内容' })
  .max(256, { message: '二维码内容过长' });

/** One public key as a JWK (RFC 8037), with the window in which codes it signed verify. */
export const PublicCodeKey = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  /** base64url of the raw 32-byte public key. */
  x: z.string(),
  /** base64url of the first 3 bytes of SHA-256(raw public key): the payload's key id. */
  kid: z.string(),
  /** ISO instant from which this key signs. */
  validFrom: z.string(),
  /** ISO instant until which codes signed by this key verify (null: no end set yet). */
  validUntil: z.string().nullable(),
});
export type PublicCodeKey = z.infer<typeof PublicCodeKey>;

export const CodeKeysResponse = z.object({ keys: z.array(PublicCodeKey) });
export type CodeKeysResponse = z.infer<typeof CodeKeysResponse>;

/** Why a colour was given (赋码原因) and when it can turn green (转码条件). */
export const HealthReason = z.object({
  /** The rule's id in config/health-rules.json. */
  rule: z.string(),
  /** Plain Chinese a grandmother understands. */
  text: z.string(),
  /** What turns it green, e.g. 核酸检测阴性后转绿. */
  greenCondition: z.string().nullable(),
  /** YYYY-MM-DD (China time) from which this reason no longer applies, when known. */
  until: z.string().nullable(),
});
export type HealthReason = z.infer<typeof HealthReason>;

export const VerifyCodeRequest = z.object({ code: PersonalCodeText });
export type VerifyCodeRequest = z.infer<typeof VerifyCodeRequest>;

export const VerifiedPerson = z.object({
  /** Masked name, e.g. 李*. */
  maskedName: z.string(),
  /** Masked ID number, e.g. 1101**********002X. */
  maskedIdNumber: z.string(),
});
export type VerifiedPerson = z.infer<typeof VerifiedPerson>;

/** A valid code; invalid ones answer 422 with INVALID_CODE / CODE_EXPIRED / UNKNOWN_KEY / REVOKED. */
export const VerifyCodeResponse = z.object({
  valid: z.literal(true),
  kind: CodeKind,
  person: VerifiedPerson,
  /** The colour now (may differ from the one the code was issued with). */
  colour: HealthColour,
  /** The colour signed into a live code; null for a printed card. */
  codeColour: HealthColour.nullable(),
  reasons: z.array(HealthReason),
  issuedAt: z.string(),
  expiresAt: z.string(),
});
export type VerifyCodeResponse = z.infer<typeof VerifyCodeResponse>;

/** 无码通行: staff type an ID number for someone without a phone or card (audited). */
export const LookupByIdNumberRequest = z.object({ idNumber: IdNumber });
export type LookupByIdNumberRequest = z.infer<typeof LookupByIdNumberRequest>;

export const LookupByIdNumberResponse = z.object({
  person: VerifiedPerson,
  colour: HealthColour,
  reasons: z.array(HealthReason),
  greenFrom: z.string().nullable(),
});
export type LookupByIdNumberResponse = z.infer<typeof LookupByIdNumberResponse>;

// ---------------------------------------------------------------- printed cards (离线码)

/** The holder prints a card for themself or a family member (personId omitted = self). */
export const IssuePrintedCodeRequest = z.object({ personId: EntityId.optional() });
export type IssuePrintedCodeRequest = z.infer<typeof IssuePrintedCodeRequest>;

/** An administrator prints a card for anyone in the registry. */
export const AdminIssuePrintedCodeRequest = z.object({ idNumber: IdNumber, name: PersonName });
export type AdminIssuePrintedCodeRequest = z.infer<typeof AdminIssuePrintedCodeRequest>;

export const PrintedCode = z.object({
  id: z.string(),
  code: z.string(),
  maskedName: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type PrintedCode = z.infer<typeof PrintedCode>;

export const PrintedCodeResponse = z.object({ printed: PrintedCode });
export type PrintedCodeResponse = z.infer<typeof PrintedCodeResponse>;

export const PrintedCodeListQuery = z.object({ personId: EntityId.optional() });
export const PrintedCodeListResponse = z.object({ items: z.array(PrintedCode) });
export type PrintedCodeListResponse = z.infer<typeof PrintedCodeListResponse>;

/** Public, cacheable: refs (base64url) of revoked printed cards not yet expired, for offline verifiers. */
export const RevocationListResponse = z.object({
  revoked: z.array(z.object({ ref: z.string(), expiresAt: z.string() })),
  updatedAt: z.string(),
});
export type RevocationListResponse = z.infer<typeof RevocationListResponse>;
