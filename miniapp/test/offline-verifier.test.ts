import fs from 'node:fs';
import path from 'node:path';
import { base64UrlEncode } from '@govpass/shared-types/src/personal-code-format';
import { refusalMessages, usableKeys, verifyOffline, type VerifierMaterial } from '../src/lib/personal-code';
import { REF_A, REF_B, testSigner } from './personal-code-signer';

const NOW = Date.parse('2026-12-04T08:00:00.000Z');
const NOW_S = NOW / 1000;
const signer = testSigner(7);
const stranger = testSigner(8);

function material(revoked: Uint8Array[] = [], keys = [signer.jwk]): VerifierMaterial {
  return { keys: usableKeys(keys), revokedRefs: new Set(revoked.map(base64UrlEncode)) };
}

const live = (over: Partial<{ issuedAt: number; expiresAt: number; colour: 'green' | 'yellow' | 'red' }> = {}) =>
  signer.code({ kind: 'live', colour: over.colour ?? 'yellow', issuedAt: over.issuedAt ?? NOW_S - 10, expiresAt: over.expiresAt ?? NOW_S + 50, ref: REF_A });
const printed = (ref = REF_B) => signer.code({ kind: 'printed', colour: null, issuedAt: NOW_S - 86_400, expiresAt: NOW_S + 86_400 * 30, ref });

/** Changes one character of the text at `index` to another base64url character. */
function alter(code: string, index: number): string {
  const c = code[index] === 'A' ? 'B' : 'A';
  return code.slice(0, index) + c + code.slice(index + 1);
}

describe('offline verifier (node:crypto-signed codes)', () => {
  it('accepts a live code and reads kind, colour and times from it', () => {
    const code = live({ colour: 'red' });
    expect(code).toHaveLength(120);
    expect(verifyOffline(code, material(), NOW)).toEqual({
      valid: true,
      kind: 'live',
      colour: 'red',
      issuedAt: (NOW_S - 10) * 1000,
      expiresAt: (NOW_S + 50) * 1000,
      ref: base64UrlEncode(REF_A),
    });
  });

  it('accepts a printed card without a colour (仅身份)', () => {
    expect(verifyOffline(printed(), material(), NOW)).toMatchObject({ valid: true, kind: 'printed', colour: null });
  });

  it('refuses a signature from a key that is not in the set as UNKNOWN_KEY, one that reuses a known kid as INVALID_CODE', () => {
    const foreign = stranger.code({ kind: 'live', colour: 'green', issuedAt: NOW_S, expiresAt: NOW_S + 60, ref: REF_A });
    expect(verifyOffline(foreign, material(), NOW)).toMatchObject({ valid: false, reason: 'UNKNOWN_KEY' });
    // A forger who copies the published kid into the payload still cannot sign for it.
    const forgedWithKnownKid = testSigner(8);
    forgedWithKnownKid.kid.set(signer.kid);
    const forged = forgedWithKnownKid.code({ kind: 'live', colour: 'green', issuedAt: NOW_S, expiresAt: NOW_S + 60, ref: REF_A });
    expect(verifyOffline(forged, material(), NOW)).toMatchObject({ valid: false, reason: 'INVALID_CODE' });
  });

  it('refuses any altered character of payload or signature', () => {
    const code = live();
    const firstDot = code.indexOf('.');
    const secondDot = code.indexOf('.', firstDot + 1);
    for (let i = firstDot + 1; i < code.length - 1; i += 1) {
      if (i === secondDot) continue;
      const outcome = verifyOffline(alter(code, i), material(), NOW);
      expect(outcome.valid).toBe(false);
    }
    // A colour changed from yellow to green in the payload is the attack that matters most.
    const payloadStart = firstDot + 1;
    expect(verifyOffline(alter(code, payloadStart + 2), material(), NOW)).toMatchObject({ valid: false });
  });

  it('refuses an expired code as CODE_EXPIRED, and the moment of expiry too', () => {
    const code = live({ issuedAt: NOW_S - 120, expiresAt: NOW_S - 60 });
    expect(verifyOffline(code, material(), NOW)).toEqual({ valid: false, reason: 'CODE_EXPIRED', message: refusalMessages.CODE_EXPIRED });
    const edge = live({ issuedAt: NOW_S - 60, expiresAt: NOW_S });
    expect(verifyOffline(edge, material(), NOW).valid).toBe(false);
    expect(verifyOffline(edge, material(), NOW - 1).valid).toBe(true);
  });

  it('allows 30 s of clock skew on the issue time, not more', () => {
    expect(verifyOffline(live({ issuedAt: NOW_S + 30, expiresAt: NOW_S + 90 }), material(), NOW).valid).toBe(true);
    expect(verifyOffline(live({ issuedAt: NOW_S + 31, expiresAt: NOW_S + 91 }), material(), NOW)).toMatchObject({ reason: 'INVALID_CODE' });
  });

  it("refuses a code issued outside its key's validity window", () => {
    const retired = testSigner(7, '2020-01-01T00:00:00.000Z', '2026-12-04T07:00:00.000Z');
    const code = live();
    expect(verifyOffline(code, material([], [retired.jwk]), NOW)).toMatchObject({ reason: 'INVALID_CODE' });
    const notYet = testSigner(7, '2026-12-05T00:00:00.000Z');
    expect(verifyOffline(code, material([], [notYet.jwk]), NOW)).toMatchObject({ reason: 'INVALID_CODE' });
  });

  it('refuses a revoked printed card as REVOKED; revocation lists do not touch live codes', () => {
    expect(verifyOffline(printed(REF_B), material([REF_B]), NOW)).toMatchObject({ valid: false, reason: 'REVOKED' });
    expect(verifyOffline(printed(REF_A), material([REF_B]), NOW).valid).toBe(true);
    expect(verifyOffline(live(), material([REF_A]), NOW).valid).toBe(true);
  });

  it('refuses text that is not a code as MALFORMED, with a message for the staff', () => {
    for (const text of ['', 'hello', 'GP1.abc', 'GPC1.abc', `${live()}.x`, `${live()}=`, live().replace('GPC1.', 'GPC2.')]) {
      const outcome = verifyOffline(text, material(), NOW);
      expect(outcome).toMatchObject({ valid: false, reason: 'MALFORMED' });
      expect(outcome.valid ? '' : outcome.message).toMatch(/政务通/);
    }
  });

  it('ignores a published key whose kid does not match it', () => {
    const lying = { ...stranger.jwk, kid: signer.jwk.kid };
    expect(usableKeys([lying, { ...signer.jwk, x: 'not-a-key' }])).toEqual([]);
    expect(verifyOffline(live(), material([], [lying]), NOW)).toMatchObject({ reason: 'UNKNOWN_KEY' });
  });
});

/*
 * The shared test vectors (shared-types/src/personal-code-vectors.json, written from the BFF's
 * signer): every verifier, this one included, must agree with them. Skipped until the file exists.
 */
const VECTORS_FILE = path.resolve(__dirname, '../../shared-types/src/personal-code-vectors.json');
const vectorsPresent = fs.existsSync(VECTORS_FILE);

interface SharedVector {
  name: string;
  code: string;
  now: number;
  expectValid: boolean;
  expectReason: string | null;
  expectColour?: string | null;
  expectKind?: string;
}

function instant(value: unknown): number | undefined {
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  return undefined;
}

/** Reads the vectors file, tolerating the plausible spellings of its fields. */
function readVectors(): { keys: unknown[]; revoked: string[]; vectors: SharedVector[] } {
  const doc = JSON.parse(fs.readFileSync(VECTORS_FILE, 'utf8')) as Record<string, unknown>;
  const keysField = (doc.keys ?? (doc.jwks as { keys?: unknown })?.keys ?? doc.publicKeys) as unknown;
  const keys = Array.isArray(keysField) ? keysField : ((keysField as { keys?: unknown[] })?.keys ?? []);
  const revokedField = (doc.revoked ?? doc.revocations ?? (doc.revocationList as { revoked?: unknown })?.revoked ?? []) as unknown[];
  const revoked = revokedField.map((r) => (typeof r === 'string' ? r : String((r as { ref: string }).ref)));
  const list = (doc.vectors ?? doc.cases ?? doc.tests) as Record<string, unknown>[];
  if (!Array.isArray(list) || keys.length === 0) throw new Error(`${VECTORS_FILE}: no keys or no vectors array found`);
  const vectors = list.map((v, i) => {
    const expected = (v.expected ?? v.expect ?? v.result ?? {}) as Record<string, unknown> | string;
    const exp = typeof expected === 'string' ? { outcome: expected } : expected;
    const reason = (v.error ?? v.reason ?? exp.error ?? exp.reason ?? exp.code ?? (exp.outcome !== 'valid' ? exp.outcome : null) ?? null) as string | null;
    const validField = v.valid ?? exp.valid;
    const expectValid = typeof validField === 'boolean' ? validField : reason === null || reason === 'valid';
    const now = instant(v.now ?? v.verifyAt ?? v.at ?? doc.now ?? doc.verifyAt);
    if (now === undefined) throw new Error(`${VECTORS_FILE}: vector ${i} has no "now"`);
    return {
      name: String(v.name ?? v.description ?? `vector ${i}`),
      code: String(v.code ?? v.text ?? v.qr),
      now,
      expectValid,
      expectReason: expectValid ? null : reason,
      expectColour: (exp.colour ?? v.colour) as string | null | undefined,
      expectKind: (exp.kind ?? v.kind) as string | undefined,
    };
  });
  return { keys, revoked, vectors };
}

(vectorsPresent ? describe : describe.skip)('offline verifier on the shared vectors file', () => {
  const { keys, revoked, vectors } = vectorsPresent ? readVectors() : { keys: [], revoked: [], vectors: [] };
  const shared: VerifierMaterial = { keys: usableKeys(keys as never), revokedRefs: new Set(revoked) };

  it('has vectors, valid and invalid', () => {
    expect(vectors.some((v) => v.expectValid)).toBe(true);
    expect(vectors.some((v) => !v.expectValid)).toBe(true);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const outcome = verifyOffline(v.code, shared, v.now);
    expect(outcome.valid).toBe(v.expectValid);
    if (!outcome.valid && v.expectReason && v.expectReason !== 'MALFORMED') {
      // The file may spell "not a code" differently (e.g. MALFORMED_CODE); the BFF codes must match exactly.
      if (['INVALID_CODE', 'CODE_EXPIRED', 'UNKNOWN_KEY', 'REVOKED'].includes(v.expectReason)) expect(outcome.reason).toBe(v.expectReason);
    }
    if (outcome.valid && v.expectColour !== undefined) expect(outcome.colour).toBe(v.expectColour);
    if (outcome.valid && v.expectKind !== undefined) expect(outcome.kind).toBe(v.expectKind);
  });
});
