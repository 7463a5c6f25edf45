/*
 * The short numeric pickup code (取货码) a person can read out and a pharmacist can type when the
 * QR cannot be scanned: 9 digits (a keyed permutation of the booking's per pharmacy × day sequence,
 * bff/src/domains/masks/pickup-code/short-code.ts) and a Damm check digit. The check digit catches
 * every single mistyped digit and every swap of two neighbours before the code reaches the BFF, so
 * a typo is answered "please check" and never counts as a wrong guess.
 */

/** Digits of a short code, check digit included. */
export const SHORT_CODE_LENGTH = 10;
/** Distinct codes (the check digit adds none): the space a guesser draws from. */
export const SHORT_CODE_SPACE = 1_000_000_000;

// Damm's quasigroup of order 10 (weakly totally anti-symmetric).
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  let interim = 0;
  for (let i = 0; i < digits.length; i++) interim = DAMM[interim][digits.charCodeAt(i) - 48];
  return interim;
}

/** The check digit that makes `digits` + it a valid Damm code. */
export function dammCheckDigit(digits: string): string {
  return String(dammInterim(digits));
}

/** The 10-digit code of a value in [0, SHORT_CODE_SPACE). */
export function shortCodeOfValue(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= SHORT_CODE_SPACE) throw new RangeError(`short code value out of range: ${value}`);
  const body = String(value).padStart(SHORT_CODE_LENGTH - 1, '0');
  return body + dammCheckDigit(body);
}

/** The value a code stands for, or null when it is not 10 digits with a matching check digit. */
export function valueOfShortCode(code: string): number | null {
  if (!/^\d{10}$/.test(code) || dammInterim(code) !== 0) return null;
  return Number(code.slice(0, SHORT_CODE_LENGTH - 1));
}

/** What a person typed, without spaces, dashes and full-width digits; null when no code remains. */
export function normalizeShortCode(input: string): string | null {
  const digits = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-－·.]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** Whether typed text looks like a short code at all (digits and separators only), right or wrong. */
export function looksLikeShortCode(input: string): boolean {
  const trimmed = input.trim();
  return trimmed.length > 0 && /^[\d０-９\s\-－·.]+$/.test(trimmed);
}

/** Grouped for reading aloud and copying by eye: `483 129 0755` (3-3-4, like a 400 hotline). */
export function formatShortCode(code: string): string {
  const digits = code.replace(/\s/g, '');
  if (digits.length !== SHORT_CODE_LENGTH) return code;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
