import { maskCount, stockLabel } from '../src/packageMasks/lib/stock-label';

describe('stockLabel: what a remaining count counts', () => {
  it('names bookings (份) and the masks in each (只)', () => {
    expect(stockLabel(199, 5)).toBe('剩余 199 份 · 每份 5 只');
    expect(stockLabel(1, 10)).toBe('剩余 1 份 · 每份 10 只');
  });

  it('says only 份 when no round gives the masks per booking, and never a negative count', () => {
    expect(stockLabel(3, null)).toBe('剩余 3 份');
    expect(stockLabel(3, undefined)).toBe('剩余 3 份');
    expect(stockLabel(-2, 5)).toBe('剩余 0 份 · 每份 5 只');
  });

  it('counts one booking in 只', () => {
    expect(maskCount(5)).toBe('5 只');
  });
});
