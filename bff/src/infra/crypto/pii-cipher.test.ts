import { PiiCipher } from './pii-cipher';

const cipher = new PiiCipher('11'.repeat(32), '22'.repeat(32));

describe('PiiCipher', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('110101199003074514');
    const b = cipher.encrypt('110101199003074514');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('110101199003074514');
    expect(cipher.decrypt(a)).toBe('110101199003074514');
  });

  it('refuses a tampered ciphertext', () => {
    const parts = cipher.encrypt('张三').split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes deterministically, keyed and per purpose', () => {
    const other = new PiiCipher('11'.repeat(32), '33'.repeat(32));
    expect(cipher.hash('id', 'x')).toBe(cipher.hash('id', 'x'));
    expect(cipher.hash('id', 'x')).not.toBe(cipher.hash('name', 'x'));
    expect(cipher.hash('id', 'x')).not.toBe(other.hash('id', 'x'));
  });

  it('rejects keys of the wrong size', () => {
    expect(() => new PiiCipher('11', '22'.repeat(32))).toThrow('32 bytes');
  });
});
