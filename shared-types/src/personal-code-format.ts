/*
 * The personal code's wire format (docs/personal-code.md), in plain JS so that the BFF, the
 * mini-program's offline verifier (weapp, alipay, h5: no Buffer, no atob, no TextEncoder) and any
 * third party read it the same way. No cryptography here: the BFF signs with node:crypto, the
 * mini-program verifies with @noble/ed25519.
 */

export const CODE_PREFIX = 'GPC1.';
export const CODE_VERSION = 1;
export const PAYLOAD_LENGTH = 21;
export const SIGNATURE_LENGTH = 64;
export const KID_LENGTH = 3;
export const REF_LENGTH = 8;

export type CodeKindName = 'live' | 'printed';
export type CodeColourName = 'green' | 'yellow' | 'red';

const KINDS: readonly CodeKindName[] = ['live', 'printed'];
const COLOURS: readonly (CodeColourName | null)[] = [null, 'green', 'yellow', 'red'];

export interface CodePayload {
  kind: CodeKindName;
  /** Signed into live codes only; null on printed cards. */
  colour: CodeColourName | null;
  /** First 3 bytes of SHA-256(raw public key). */
  kid: Uint8Array;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds. */
  expiresAt: number;
  /** 8 random bytes naming the person (live) or the card (printed). */
  ref: Uint8Array;
}

/** A code split into its parts; nothing is verified yet. */
export interface ParsedCode {
  payload: CodePayload;
  /** The ASCII bytes the signature covers: `GPC1.<base64url payload>`. */
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

/** Why a text is not a well-formed code (before any signature check). */
export class MalformedCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedCodeError';
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX: Record<string, number> = {};
for (let i = 0; i < B64URL.length; i++) B64URL_INDEX[B64URL[i]] = i;

/** base64url without padding (RFC 4648 §5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63];
  }
  return out;
}

/**
 * Strict base64url decoding: no padding, no foreign characters, and canonical (the unused low bits
 * of the last character are zero), so one code has exactly one text and an altered text never
 * decodes to the same bytes.
 */
export function base64UrlDecode(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new MalformedCodeError('base64url length is impossible');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64URL_INDEX[text[i]];
    if (v === undefined) throw new MalformedCodeError('not base64url');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (acc !== 0) throw new MalformedCodeError('base64url is not canonical');
  return out;
}

/** ASCII only: every character of a code is ASCII, so no TextEncoder is needed. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new MalformedCodeError('code text must be ASCII');
    out[i] = c;
  }
  return out;
}

function writeUint32(out: Uint8Array, at: number, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError('time out of uint32 range');
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
}

export function encodePayload(p: CodePayload): Uint8Array {
  if (p.kid.length !== KID_LENGTH) throw new RangeError('kid must be 3 bytes');
  if (p.ref.length !== REF_LENGTH) throw new RangeError('ref must be 8 bytes');
  if ((p.kind === 'live') !== (p.colour !== null)) throw new RangeError('a live code carries a colour, a printed card none');
  const out = new Uint8Array(PAYLOAD_LENGTH);
  out[0] = CODE_VERSION;
  out[1] = (KINDS.indexOf(p.kind) << 4) | COLOURS.indexOf(p.colour);
  out.set(p.kid, 2);
  writeUint32(out, 5, p.issuedAt);
  writeUint32(out, 9, p.expiresAt);
  out.set(p.ref, 13);
  return out;
}

export function decodePayload(bytes: Uint8Array): CodePayload {
  if (bytes.length !== PAYLOAD_LENGTH) throw new MalformedCodeError('payload has the wrong length');
  if (bytes[0] !== CODE_VERSION) throw new MalformedCodeError('unknown payload version');
  const kind = KINDS[bytes[1] >> 4];
  const colourIndex = bytes[1] & 0x0f;
  if (kind === undefined || colourIndex >= COLOURS.length) throw new MalformedCodeError('unknown kind or colour');
  const colour = COLOURS[colourIndex];
  if ((kind === 'live') !== (colour !== null)) throw new MalformedCodeError('kind and colour do not fit together');
  const issuedAt = readUint32(bytes, 5);
  const expiresAt = readUint32(bytes, 9);
  if (expiresAt <= issuedAt) throw new MalformedCodeError('expires before it was issued');
  return { kind, colour, kid: bytes.slice(2, 2 + KID_LENGTH), issuedAt, expiresAt, ref: bytes.slice(13, 13 + REF_LENGTH) };
}

/** The text that gets signed: `GPC1.<base64url payload>`. */
export function signedPart(payload: CodePayload): string {
  return CODE_PREFIX + base64UrlEncode(encodePayload(payload));
}

/** Joins a signed part and its 64-byte signature into the QR text. */
export function assembleCode(signed: string, signature: Uint8Array): string {
  if (signature.length !== SIGNATURE_LENGTH) throw new RangeError('an Ed25519 signature is 64 bytes');
  return `${signed}.${base64UrlEncode(signature)}`;
}

/** Splits and decodes a QR text; throws MalformedCodeError for anything that is not a code. */
export function parseCode(text: string): ParsedCode {
  if (typeof text !== 'string' || !text.startsWith(CODE_PREFIX)) throw new MalformedCodeError('not a govpass code');
  const rest = text.slice(CODE_PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot < 0 || rest.indexOf('.', dot + 1) >= 0) throw new MalformedCodeError('a code has exactly two dots');
  const payload = decodePayload(base64UrlDecode(rest.slice(0, dot)));
  const signature = base64UrlDecode(rest.slice(dot + 1));
  if (signature.length !== SIGNATURE_LENGTH) throw new MalformedCodeError('signature has the wrong length');
  return { payload, signedBytes: asciiBytes(CODE_PREFIX + rest.slice(0, dot)), signature };
}

/** Same bytes? (kid and ref comparisons.) */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
