import { formatShortCode, normalizeShortCode, SHORT_CODE_SPACE, valueOfShortCode } from '@govpass/shared-types';
import { permute, ShortCodes, unpermute } from './short-code';

const KEY = 'ab'.repeat(32);

describe('ShortCodes: a keyed permutation of [0, 10^9) per pharmacy × day', () => {
  const codes = new ShortCodes(KEY);

  it('is bijective on a sample: distinct sequence numbers give distinct codes, and each code gives its number back', () => {
    const seen = new Set<string>();
    let wellFormed = 0;
    let inverted = 0;
    for (let seq = 1; seq <= 50_000; seq++) {
      const code = codes.codeOf('ph-001', '2026-12-06', seq);
      if (/^\d{10}$/.test(code)) wellFormed += 1;
      if (codes.seqOf('ph-001', '2026-12-06', code) === seq) inverted += 1;
      seen.add(code);
    }
    expect({ wellFormed, inverted, distinct: seen.size }).toEqual({ wellFormed: 50_000, inverted: 50_000, distinct: 50_000 });
    // Across the whole range too, including its ends.
    const keys = new Uint32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const v of [0, 1, 2, 999_999_998, 999_999_999, 123_456_789, 536_870_911, 536_870_912]) {
      const y = permute(v, keys);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(SHORT_CODE_SPACE);
      expect(unpermute(y, keys)).toBe(v);
    }
  });

  it('is deterministic for one key, pharmacy and day, and unrelated for another pharmacy, day or key', () => {
    const a = codes.codeOf('ph-001', '2026-12-06', 1);
    expect(new ShortCodes(KEY).codeOf('ph-001', '2026-12-06', 1)).toBe(a);
    expect(codes.codeOf('ph-002', '2026-12-06', 1)).not.toBe(a);
    expect(codes.codeOf('ph-001', '2026-12-07', 1)).not.toBe(a);
    expect(new ShortCodes('cd'.repeat(32)).codeOf('ph-001', '2026-12-06', 1)).not.toBe(a);
  });

  it('does not count up: consecutive bookings get codes far apart', () => {
    const values = [1, 2, 3, 4, 5].map((s) => valueOfShortCode(codes.codeOf('ph-001', '2026-12-06', s)) as number);
    for (let i = 1; i < values.length; i++) expect(Math.abs(values[i] - values[i - 1])).toBeGreaterThan(1000);
  });

  it('carries a check digit that catches a mistyped digit and a swap of neighbours', () => {
    const code = codes.codeOf('ph-001', '2026-12-06', 42);
    expect(valueOfShortCode(code)).not.toBeNull();
    for (let i = 0; i < 10; i++) {
      const wrong = code.slice(0, i) + String((Number(code[i]) + 1) % 10) + code.slice(i + 1);
      expect(valueOfShortCode(wrong)).toBeNull();
      if (i < 9 && code[i] !== code[i + 1]) expect(valueOfShortCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBeNull();
    }
    expect(codes.seqOf('ph-001', '2026-12-06', '0000000001')).toBeNull();
  });

  it('reads what a person typed, grouped or not, and shows it grouped', () => {
    expect(normalizeShortCode(' 483 129 0755 ')).toBe('4831290755');
    expect(normalizeShortCode('４８３-１２９-０７５５')).toBe('4831290755');
    expect(normalizeShortCode('483129075')).toBeNull();
    expect(formatShortCode('4831290755')).toBe('483 129 0755');
  });

  it('refuses sequence numbers outside its range', () => {
    expect(() => codes.codeOf('ph-001', '2026-12-06', 0)).toThrow(RangeError);
    expect(() => codes.codeOf('ph-001', '2026-12-06', SHORT_CODE_SPACE)).toThrow(RangeError);
  });
});
