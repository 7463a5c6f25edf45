import {
  assertOneSlot,
  codeRefOfPersonKey,
  counterKey,
  hashTagOf,
  idempotencyKey,
  keyGroup,
  keyPart,
  personOfCodeRefKey,
  rateLimitKey,
  sessionKey,
  taggedKey,
} from './keys';

describe('keys', () => {
  it('builds one hash-tagged key per feature', () => {
    expect(sessionKey('ab12')).toBe('sess:{ab12}');
    expect(rateLimitKey('login-ip', '203.0.113.7')).toBe('rl:{login-ip:203.0.113.7}');
    expect(idempotencyKey('booking', 'acct-1', 'k-1')).toBe('idem:{booking:acct-1:k-1}');
    expect(counterKey('queue')).toBe('ctr:{queue}');
    expect(personOfCodeRefKey('0123456789abcdef')).toBe('pc-ref:{0123456789abcdef}');
    expect(codeRefOfPersonKey('person-1')).toBe('pc-person:{person-1}');
  });

  it('escapes braces, colons and % so input can neither open a tag nor collide', () => {
    expect(keyPart('a{b}c:d%e')).toBe('a%7Bb%7Dc%3Ad%25e');
    expect(idempotencyKey('booking', 'acct-1', '}{evil}')).toBe('idem:{booking:acct-1:%7D%7Bevil%7D}');
    expect(rateLimitKey('a:b', 'c')).not.toBe(rateLimitKey('a', 'b:c'));
    expect(hashTagOf(idempotencyKey('s', 'u', '}x{y}'))).toBe('s:u:%7Dx%7By%7D');
    expect(rateLimitKey('login-ip', '::1')).toBe('rl:{login-ip:%3A%3A1}');
  });

  it('refuses empty parts and odd kinds', () => {
    expect(() => sessionKey('')).toThrow(TypeError);
    expect(() => rateLimitKey('scope', '')).toThrow(TypeError);
    expect(() => taggedKey('Bad Kind', ['x'])).toThrow(TypeError);
    expect(() => taggedKey('ok', [])).toThrow(TypeError);
  });

  it('keyGroup gives every field of one group the same tag', () => {
    const quota = keyGroup('quota', 'pharmacy-42', '2024-03-01');
    expect(quota('stock')).toBe('quota:{pharmacy-42:2024-03-01}:stock');
    expect(quota('booked')).toBe('quota:{pharmacy-42:2024-03-01}:booked');
    expect(hashTagOf(quota('stock'))).toBe(hashTagOf(quota('booked')));
    expect(() => assertOneSlot([quota('stock'), quota('booked')])).not.toThrow();
  });

  it('hashTagOf follows the CLUSTER KEYSLOT rule', () => {
    expect(hashTagOf('a{b}c')).toBe('b');
    expect(hashTagOf('{a}{b}')).toBe('a');
    expect(hashTagOf('no-tag')).toBe('no-tag');
    expect(hashTagOf('empty{}tag')).toBe('empty{}tag');
    expect(hashTagOf('x{}{y}')).toBe('x{}{y}');
    expect(hashTagOf('open{only')).toBe('open{only');
    expect(hashTagOf('prefix:sess:{h}')).toBe('h');
  });

  it('assertOneSlot refuses keys of different tags', () => {
    expect(() => assertOneSlot([sessionKey('a')])).not.toThrow();
    expect(() => assertOneSlot([])).not.toThrow();
    expect(() => assertOneSlot([keyGroup('q', 'a')('x'), keyGroup('q', 'b')('y')])).toThrow(/share a hash tag/);
  });
});
