import { sign } from 'node:crypto';
import { SIGNATURE_LENGTH, signedPart, type CodeColourName, type CodeKindName } from '@govpass/shared-types';
import type { SigningKey } from './signing-key';

/** What a code says, except the key id (the signing key supplies it). */
export interface CodeFields {
  kind: CodeKindName;
  colour: CodeColourName | null;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds. */
  expiresAt: number;
  /** 8 bytes. */
  ref: Uint8Array;
}

/**
 * The QR text of `fields` signed by `key` (docs/personal-code.md). Ed25519 is deterministic: the
 * same fields and key give the same text, which the shared test vectors pin.
 */
export function signCode(fields: CodeFields, key: SigningKey): string {
  const signed = signedPart({ ...fields, kid: key.kid });
  // Every character of the signed part is ASCII, so latin1 gives exactly its bytes.
  const signature = sign(null, Buffer.from(signed, 'latin1'), key.privateKey);
  if (signature.length !== SIGNATURE_LENGTH) throw new Error('an Ed25519 signature is 64 bytes');
  // Node's base64url is the codec's encoding (no padding; pinned by the shared vectors) and several
  // times faster than the codec's pure-JS loop, which exists for runtimes without Buffer.
  return `${signed}.${signature.toString('base64url')}`;
}
