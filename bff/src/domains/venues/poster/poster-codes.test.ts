import { PosterCodes, VerifiedPosterCache } from './poster-codes';

const SEED = '11'.repeat(32);
const OTHER = '22'.repeat(32);

describe('poster codes', () => {
  const codes = new PosterCodes(SEED);

  it('signs deterministically and verifies to the venue id', () => {
    const code = codes.sign('v-001', Date.UTC(2026, 11, 1));
    expect(code).toBe(codes.sign('v-001', Date.UTC(2026, 11, 1)));
    expect(code.startsWith('GPV1.')).toBe(true);
    expect(codes.verify(code)).toBe('v-001');
  });

  it('refuses altered, forged and malformed codes with INVALID_CODE', () => {
    const code = codes.sign('v-001', Date.UTC(2026, 11, 1));
    const [prefix, payload, sig] = code.split('.');
    const altered = Buffer.from(payload, 'base64url');
    altered[altered.length - 1] = 'x'.charCodeAt(0); // v-00x: another venue
    const forged = new PosterCodes(OTHER).sign('v-001', Date.UTC(2026, 11, 1));
    const flippedSig = Buffer.from(sig, 'base64url');
    flippedSig[0] ^= 1;
    for (const bad of [
      `${prefix}.${altered.toString('base64url')}.${sig}`,
      forged,
      `${prefix}.${payload}.${flippedSig.toString('base64url')}`,
      `${code}A`,
      'GPV1.abc.def',
      '',
    ]) {
      expect(() => codes.verify(bad)).toThrow(expect.objectContaining({ status: 422, code: 'INVALID_CODE' }));
    }
  });

  it('verifies a code once, then answers from the cache', () => {
    const spy = jest.spyOn(codes, 'verify');
    const cache = new VerifiedPosterCache(codes);
    const code = codes.sign('v-002', 0);
    for (let i = 0; i < 5; i++) expect(cache.venueIdOf(code)).toBe('v-002');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(() => cache.venueIdOf('GPV1.nope')).toThrow();
    expect(cache.size).toBe(1);
  });
});
