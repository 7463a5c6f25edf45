import { SoldOutCache } from './sold-out-cache';

describe('SoldOutCache', () => {
  it('remembers a sold-out pharmacy for ttl ms, per round and pharmacy', () => {
    let t = 1_000_000;
    const cache = new SoldOutCache(1000, () => t);
    cache.mark('r', 'p');
    expect(cache.has('r', 'p')).toBe(true);
    expect(cache.has('r', 'q')).toBe(false);
    expect(cache.has('r2', 'p')).toBe(false);
    t = 1_000_999;
    expect(cache.has('r', 'p')).toBe(true);
    t = 1_001_001;
    expect(cache.has('r', 'p')).toBe(false);
  });

  it('forgets at once when a unit comes back through this process, and does nothing when off', () => {
    const cache = new SoldOutCache(1000);
    cache.mark('r', 'p');
    cache.clear('r', 'p');
    expect(cache.has('r', 'p')).toBe(false);
    const off = new SoldOutCache(0);
    off.mark('r', 'p');
    expect(off.has('r', 'p')).toBe(false);
  });
});
