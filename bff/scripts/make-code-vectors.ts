/*
 * Writes shared-types/src/personal-code-vectors.json: the personal-code test vectors that the BFF's
 * signer and verifier and the mini-program's offline verifier all run. Ed25519 is deterministic, so
 * running this again gives the same file; change it only together with docs/personal-code.md.
 *
 *   npx tsx bff/scripts/make-code-vectors.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64UrlDecode, base64UrlEncode, CODE_PREFIX } from '@govpass/shared-types';
import { signCode, type CodeFields } from '../src/domains/personal-code/code-signer';
import { KeyRing } from '../src/domains/personal-code/key-ring';
import { signingKeyFromSeed } from '../src/domains/personal-code/signing-key';

const TEST_SEED = '29dd858dbae86cc5d9feaf560bc66a9d2304c24e8e8d8fe27079d32bfb657c4e';
const WRONG_SEED = '2fd82006c480300d63903daa8844ef1c467e3e7030dd3555178c9b05ec08fb5c';
const VALID_FROM = '2026-01-01T00:00:00.000Z';
const NOW = 1_790_000_000; // 2026-09-21T12:53:20Z
const SKEW = 30;
const DAY = 86_400;

const ring = new KeyRing([{ seed: TEST_SEED, validFrom: VALID_FROM }], 14);
const key = signingKeyFromSeed(TEST_SEED);
const wrong = signingKeyFromSeed(WRONG_SEED);
const ref = (n: number): Uint8Array => new Uint8Array(8).map((_, i) => (n * 31 + i * 17) & 0xff);

type Expect = { valid: true; kind: string; colour: string | null; kid: string; issuedAt: number; expiresAt: number; ref: string } | { valid: false; error: string };
interface Case { name: string; code: string; now: number; fields?: Record<string, unknown>; expect: Expect }

function fieldsJson(f: CodeFields): Record<string, unknown> {
  return { kind: f.kind, colour: f.colour, issuedAt: f.issuedAt, expiresAt: f.expiresAt, ref: base64UrlEncode(f.ref) };
}
function valid(name: string, f: CodeFields, now = NOW): Case {
  return { name, code: signCode(f, key), now, fields: fieldsJson(f), expect: { valid: true, kind: f.kind, colour: f.colour, kid: key.kidText, issuedAt: f.issuedAt, expiresAt: f.expiresAt, ref: base64UrlEncode(f.ref) } };
}
function refused(name: string, code: string, error: string, f?: CodeFields, now = NOW): Case {
  return { name, code, now, ...(f ? { fields: fieldsJson(f) } : {}), expect: { valid: false, error } };
}
/** Changes one byte of a code's payload or signature and re-encodes it canonically. */
function alter(code: string, part: 0 | 1, index: number, xor: number): string {
  const [payload, signature] = code.slice(CODE_PREFIX.length).split('.');
  const bytes = base64UrlDecode(part === 0 ? payload : signature);
  bytes[index] ^= xor;
  return part === 0 ? `${CODE_PREFIX}${base64UrlEncode(bytes)}.${signature}` : `${CODE_PREFIX}${payload}.${base64UrlEncode(bytes)}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The 64-byte signature leaves 4 unused bits in its last character; setting one decodes to the same bytes. */
function nonCanonical(code: string): string {
  const last = code[code.length - 1];
  return code.slice(0, -1) + ALPHABET[ALPHABET.indexOf(last) ^ 1];
}

const live = (colour: 'green' | 'yellow' | 'red', n: number, issuedAt = NOW - 10): CodeFields => ({ kind: 'live', colour, issuedAt, expiresAt: issuedAt + 60, ref: ref(n) });
const printed = (n: number, issuedAt = NOW - 3 * DAY): CodeFields => ({ kind: 'printed', colour: null, issuedAt, expiresAt: issuedAt + 14 * DAY, ref: ref(n) });

const green = live('green', 1);
const red = live('red', 3);
const revokedCard = printed(5);
const cases: Case[] = [
  valid('live green', green),
  valid('live yellow', live('yellow', 2)),
  valid('live red', red),
  valid('printed card', printed(4)),
  valid('issued 20 s ahead of the verifier clock (inside the 30 s skew)', live('green', 6, NOW + 20)),
  valid('live code one second before it expires', live('green', 7, NOW - 59)),
  refused('payload byte altered (red turned green)', alter(signCode(red, key), 0, 1, 0x03 ^ 0x01), 'INVALID_CODE'),
  refused('payload byte altered (expiry moved)', alter(signCode(green, key), 0, 12, 0x40), 'INVALID_CODE'),
  refused('signature byte altered', alter(signCode(green, key), 1, 10, 0x01), 'INVALID_CODE'),
  refused('signed by another key that claims the test key id', signCode(green, { ...wrong, kid: key.kid }), 'INVALID_CODE'),
  refused('signed by a key not in the set', signCode(green, wrong), 'UNKNOWN_KEY'),
  refused('expired live code', signCode(live('green', 8, NOW - 120), key), 'CODE_EXPIRED', live('green', 8, NOW - 120)),
  refused('expires exactly now', signCode(live('green', 9, NOW - 60), key), 'CODE_EXPIRED', live('green', 9, NOW - 60)),
  refused('expired printed card', signCode(printed(10, NOW - 15 * DAY), key), 'CODE_EXPIRED', printed(10, NOW - 15 * DAY)),
  refused('issued 31 s ahead (beyond the skew)', signCode(live('green', 11, NOW + 31), key), 'INVALID_CODE', live('green', 11, NOW + 31)),
  refused('issued before the key became valid', signCode(printed(12, Date.parse(VALID_FROM) / 1000 - 60), key), 'INVALID_CODE', printed(12, Date.parse(VALID_FROM) / 1000 - 60), Date.parse(VALID_FROM) / 1000 + DAY),
  refused('revoked printed card', signCode(revokedCard, key), 'REVOKED', revokedCard),
  refused('not a govpass code', 'https://example.com/?code=123', 'INVALID_CODE'),
  refused('wrong version prefix', signCode(green, key).replace('GPC1.', 'GPC2.'), 'INVALID_CODE'),
  refused('signature missing', signCode(green, key).split('.').slice(0, 2).join('.'), 'INVALID_CODE'),
  refused('a third dot', `${signCode(green, key)}.AA`, 'INVALID_CODE'),
  refused('padding', signCode(green, key).replace(/\.([^.]*)$/, '.$1=='), 'INVALID_CODE'),
  refused('non-canonical signature (unused trailing bits set)', nonCanonical(signCode(green, key)), 'INVALID_CODE'),
  refused('payload one byte short', `${CODE_PREFIX}${base64UrlEncode(base64UrlDecode(signCode(green, key).split('.')[1]).slice(0, 20))}.${signCode(green, key).split('.')[2]}`, 'INVALID_CODE'),
  refused('printed kind with a colour', alter(signCode(printed(4), key), 0, 1, 0x01), 'INVALID_CODE'),
  refused('empty', '', 'INVALID_CODE'),
];

const file = {
  description: 'Personal code (GPC1) test vectors: docs/personal-code.md. Every verifier must give each case its expected outcome at `now` (Unix seconds) with `keys`, `skewSeconds` and the revocation list `revokedRefs`. `fields` are what the test seed signed (the BFF reproduces those codes exactly). Made by bff/scripts/make-code-vectors.ts; the seed is a test seed, never used outside tests.',
  testSeed: TEST_SEED,
  skewSeconds: SKEW,
  keys: ring.publicKeys(),
  revokedRefs: [base64UrlEncode(revokedCard.ref)],
  cases,
};
const out = join(__dirname, '../../shared-types/src/personal-code-vectors.json');
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
console.log(`wrote ${cases.length} cases to ${out}`);
