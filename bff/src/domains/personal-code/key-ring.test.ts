import { createHash, sign } from 'node:crypto';
import { base64UrlDecode } from '@govpass/shared-types';
import { signCode } from './code-signer';
import { verifyCodeText } from './code-verifier';
import { KeyRing } from './key-ring';
import { signingKeyFromSeed } from './signing-key';

const SEED_A = '11'.repeat(32);
const SEED_B = '22'.repeat(32);
const DAY = 86_400_000;
const A_FROM = Date.parse('2026-01-01T00:00:00Z');
const B_FROM = Date.parse('2026-06-01T00:00:00Z');
const ring = new KeyRing([{ seed: SEED_B, validFrom: '2026-06-01T00:00:00Z' }, { seed: SEED_A, validFrom: '2026-01-01T00:00:00Z' }], 14);
const ref = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);

function errorOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('signing keys', () => {
  it('derives the RFC 8032 key of a seed, with kid = base64url(SHA-256(raw public)[0..3])', () => {
    // RFC 8032 §7.1, TEST 1: the seed's public key and the signature of the empty message.
    const key = signingKeyFromSeed('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(Buffer.from(key.rawPublicKey).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(sign(null, Buffer.alloc(0), key.privateKey).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(key.kidText).toBe(createHash('sha256').update(key.rawPublicKey).digest().subarray(0, 3).toString('base64url'));
    expect(key.kidText).toHaveLength(4);
    expect(() => signingKeyFromSeed('xyz')).toThrow(/64 hex/);
  });
});

describe('KeyRing rotation', () => {
  it('signs with the newest key whose validFrom has passed', () => {
    expect(ring.signerAt(A_FROM + DAY).kidText).toBe(signingKeyFromSeed(SEED_A).kidText);
    expect(ring.signerAt(B_FROM - 1).kidText).toBe(signingKeyFromSeed(SEED_A).kidText);
    expect(ring.signerAt(B_FROM).kidText).toBe(signingKeyFromSeed(SEED_B).kidText);
    expect(() => ring.signerAt(A_FROM - 1)).toThrow(/no personal-code signing key is valid yet/);
  });

  it("publishes both keys; the old one until the new one's validFrom plus the printed lifetime", () => {
    const [a, b] = ring.publicKeys();
    expect(a).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: signingKeyFromSeed(SEED_A).kidText, validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-06-15T00:00:00.000Z' });
    expect(b.validUntil).toBeNull();
    expect(base64UrlDecode(a.x)).toHaveLength(32);
  });

  it('verifies a printed card the old key signed the day before rotation until it expires', () => {
    const issuedAt = (B_FROM - DAY) / 1000;
    const code = signCode({ kind: 'printed', colour: null, issuedAt, expiresAt: issuedAt + 14 * 86_400, ref }, ring.signerAt(B_FROM - DAY));
    expect(verifyCodeText(code, ring, issuedAt + 13 * 86_400, 30).kind).toBe('printed');
    expect(errorOf(() => verifyCodeText(code, ring, issuedAt + 14 * 86_400, 30))).toBe('CODE_EXPIRED');
  });

  it('refuses a code the old key signed after its window (a leaked retired key)', () => {
    const issuedAt = (B_FROM + 15 * DAY) / 1000;
    const code = signCode({ kind: 'live', colour: 'green', issuedAt, expiresAt: issuedAt + 60, ref }, signingKeyFromSeed(SEED_A));
    expect(errorOf(() => verifyCodeText(code, ring, issuedAt, 30))).toBe('INVALID_CODE');
    const fresh = signCode({ kind: 'live', colour: 'green', issuedAt, expiresAt: issuedAt + 60, ref }, ring.signerAt(issuedAt * 1000));
    expect(verifyCodeText(fresh, ring, issuedAt, 30).colour).toBe('green');
  });

  it('refuses a configuration it could not verify unambiguously', () => {
    expect(() => new KeyRing([], 14)).toThrow(/at least one/);
    expect(() => new KeyRing([{ seed: SEED_A, validFrom: 'soon' }], 14)).toThrow(/instant/);
    expect(() => new KeyRing([{ seed: SEED_A, validFrom: '2026-01-01T00:00:00Z' }, { seed: SEED_A, validFrom: '2026-02-01T00:00:00Z' }], 14)).toThrow(/share the key id/);
  });
});
