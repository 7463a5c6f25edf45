import { verify } from 'node:crypto';
import { MalformedCodeError, parseCode, type CodePayload } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { KeyRing } from './key-ring';

/** A code the signature and clock accept: the payload plus nothing else learned yet (no person, no revocation). */
export type VerifiedPayload = CodePayload;

function invalid(message: string): AppError {
  return new AppError(422, 'INVALID_CODE', message);
}

/**
 * The offline checks of docs/personal-code.md, in its order: well-formed, known key, signature,
 * issue time (not ahead of now beyond the skew, inside the key's window), expiry. Revocation and
 * the person behind the ref are the caller's business. Throws AppError 422 INVALID_CODE /
 * UNKNOWN_KEY / CODE_EXPIRED; the same file of vectors drives the mini-program's verifier.
 */
export function verifyCodeText(text: string, ring: KeyRing, nowSeconds: number, skewSeconds: number): VerifiedPayload {
  let parsed;
  try {
    parsed = parseCode(text);
  } catch (err) {
    if (err instanceof MalformedCodeError) throw invalid('Not a valid personal code');
    throw err;
  }
  const { payload } = parsed;
  const key = ring.byKid(payload.kid);
  if (!key) throw new AppError(422, 'UNKNOWN_KEY', 'The code was signed by a key this service does not know');
  if (!verify(null, parsed.signedBytes, key.publicKey, parsed.signature)) throw invalid('The code signature does not verify');
  if (payload.issuedAt > nowSeconds + skewSeconds) throw invalid('The code was issued in the future');
  if (payload.issuedAt < Math.floor(key.validFromMs / 1000) || (key.validUntilMs !== null && payload.issuedAt > key.validUntilMs / 1000)) {
    throw invalid('The code was issued outside its key\'s validity');
  }
  if (payload.expiresAt <= nowSeconds) throw new AppError(422, 'CODE_EXPIRED', 'The code has expired');
  return payload;
}
