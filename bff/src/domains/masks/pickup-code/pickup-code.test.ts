import { randomBytes, randomUUID } from 'node:crypto';
import { PickupCode } from './pickup-code';

const KEY = 'a1'.repeat(32);
const codec = new PickupCode(KEY);
const claims = { reservationId: randomUUID(), pharmacyId: 'ph-001', pickupDate: '2020-02-03' };

function flipChar(s: string, i: number): string {
  const c = s[i] === 'A' ? 'B' : 'A';
  return s.slice(0, i) + c + s.slice(i + 1);
}

describe('PickupCode', () => {
  it('round-trips the claims, for slug and UUID pharmacy ids', () => {
    expect(codec.verify(codec.sign(claims))).toEqual(claims);
    const uuidPharmacy = { ...claims, pharmacyId: randomUUID() };
    expect(codec.verify(codec.sign(uuidPharmacy))).toEqual(uuidPharmacy);
  });

  it('is short enough for a quick QR scan and deterministic', () => {
    const code = codec.sign(claims);
    expect(code).toMatch(/^GP1\.[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThanOrEqual(64);
    expect(codec.sign({ ...claims, pharmacyId: randomUUID() }).length).toBeLessThanOrEqual(80);
    expect(codec.sign(claims)).toBe(code);
  });

  it('keeps the wire format of codes already handed out (vectors from the first release)', () => {
    const v1 = new PickupCode('11'.repeat(32));
    const uuid = '0f8e6a2c-3b1d-4c5e-9f70-123456789abc';
    expect(v1.sign({ reservationId: uuid, pharmacyId: 'ph-001', pickupDate: '2026-12-04' })).toBe('GP1.AQ-Oaiw7HUxen3ASNFZ4mrwABnBoLTAwMQnhaoZV2ni01SZ93dQClQyzWw');
    expect(v1.sign({ reservationId: 'r-1', pharmacyId: uuid, pickupDate: '2020-01-01' })).toBe('GP1.AANyLTEBD45qLDsdTF6fcBI0VniavAAARMFYOC0LxOWZWePBCJuMqw');
  });

  it('refuses an altered code: every single character changed', () => {
    const code = codec.sign(claims);
    for (let i = 0; i < code.length; i += 1) expect(codec.verify(flipChar(code, i))).toBeNull();
  });

  it('refuses truncated and extended codes', () => {
    const code = codec.sign(claims);
    for (let n = 0; n < code.length; n += 1) expect(codec.verify(code.slice(0, n))).toBeNull();
    expect(codec.verify(`${code}A`)).toBeNull();
    expect(codec.verify(`${code}==`)).toBeNull();
  });

  it('refuses a code signed with another key', () => {
    const other = new PickupCode('b2'.repeat(32));
    expect(codec.verify(other.sign(claims))).toBeNull();
  });

  it('refuses forged codes: claims re-encoded with a guessed or random MAC', () => {
    const raw = Buffer.from(codec.sign(claims).slice(4), 'base64url');
    const payload = raw.subarray(0, raw.length - 16);
    expect(codec.verify(`GP1.${Buffer.concat([payload, randomBytes(16)]).toString('base64url')}`)).toBeNull();
    expect(codec.verify(`GP1.${Buffer.concat([payload, Buffer.alloc(16)]).toString('base64url')}`)).toBeNull();
    // Another reservation's id swapped into a genuine code.
    const swapped = Buffer.from(raw);
    swapped[1] ^= 0xff;
    expect(codec.verify(`GP1.${swapped.toString('base64url')}`)).toBeNull();
  });

  it('refuses garbage without throwing', () => {
    for (const junk of ['', 'GP1.', 'GP1.!!!!', 'GP2.' + codec.sign(claims).slice(4), 'hello', '{"id":1}', 'GP1.' + 'A'.repeat(500), randomBytes(40).toString('base64url')]) {
      expect(codec.verify(junk)).toBeNull();
    }
    expect(codec.verify(undefined as unknown as string)).toBeNull();
  });

  it('rejects a key that is not 32 bytes of hex', () => {
    expect(() => new PickupCode('abc')).toThrow(/32 bytes/);
    expect(() => new PickupCode('zz'.repeat(32))).toThrow(/32 bytes/);
  });
});
