/**
 * GB 11643-1999 citizen ID number checks, pure so they run in the BFF and on
 * every mini-program runtime (no Date parsing quirks, no browser APIs).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function hasValidCheckDigit(id: string): boolean {
  return ID_NUMBER_PATTERN.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Birth date YYYYMMDD at positions 7-14: a real calendar date, not in the future, not before 1900. */
export function hasValidBirthDate(id: string, today: Date = new Date()): boolean {
  if (!ID_NUMBER_PATTERN.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > days[m - 1]) return false;
  const ymd = y * 10000 + m * 100 + d;
  const todayYmd = today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return ymd <= todayYmd;
}

/** Builds a valid ID number from its first 17 characters (used by demo data and tests). */
export function withCheckChar(first17: string): string {
  return first17 + idCheckChar(first17);
}

export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
