import { base64UrlDecode, base64UrlEncode } from '@govpass/shared-types';
import vectors from '@govpass/shared-types/src/personal-code-vectors.json';
import { isAppError } from '../../core/app-error';
import { signCode, type CodeFields } from './code-signer';
import { verifyCodeText } from './code-verifier';
import { KeyRing } from './key-ring';
import { signingKeyFromSeed } from './signing-key';

const ring = new KeyRing([{ seed: vectors.testSeed, validFrom: vectors.keys[0].validFrom }], 14);
const revoked = new Set(vectors.revokedRefs);

/** The BFF's verifier plus the offline revocation check a phone does with the published list. */
function outcome(code: string, now: number): Record<string, unknown> {
  try {
    const p = verifyCodeText(code, ring, now, vectors.skewSeconds);
    if (p.kind === 'printed' && revoked.has(base64UrlEncode(p.ref))) return { valid: false, error: 'REVOKED' };
    return { valid: true, kind: p.kind, colour: p.colour, kid: base64UrlEncode(p.kid), issuedAt: p.issuedAt, expiresAt: p.expiresAt, ref: base64UrlEncode(p.ref) };
  } catch (err) {
    if (isAppError(err)) return { valid: false, error: err.code };
    throw err;
  }
}

describe('personal code test vectors (shared-types/src/personal-code-vectors.json)', () => {
  it('publishes the test key as the JWK the vectors carry', () => {
    expect(ring.publicKeys()).toEqual(vectors.keys);
    expect(signingKeyFromSeed(vectors.testSeed).kidText).toBe(vectors.keys[0].kid);
  });

  it('covers every outcome a verifier can give', () => {
    const outcomes = new Set(vectors.cases.map((c) => (c.expect.valid ? 'valid' : (c.expect as { error: string }).error)));
    expect([...outcomes].sort()).toEqual(['CODE_EXPIRED', 'INVALID_CODE', 'REVOKED', 'UNKNOWN_KEY', 'valid']);
  });

  it.each(vectors.cases.map((c) => [c.name, c] as const))('signer reproduces what the test key signed: %s', (_name, c) => {
    if (!c.fields) return;
    const f = c.fields as { kind: 'live' | 'printed'; colour: CodeFields['colour']; issuedAt: number; expiresAt: number; ref: string };
    expect(signCode({ ...f, ref: base64UrlDecode(f.ref) }, signingKeyFromSeed(vectors.testSeed))).toBe(c.code);
  });

  it.each(vectors.cases.map((c) => [c.name, c] as const))('verifier gives the expected outcome: %s', (_name, c) => {
    expect(outcome(c.code, c.now)).toEqual(c.expect);
  });
});
