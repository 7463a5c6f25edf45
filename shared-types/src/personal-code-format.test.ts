import {
  assembleCode,
  base64UrlDecode,
  base64UrlEncode,
  decodePayload,
  encodePayload,
  MalformedCodeError,
  parseCode,
  signedPart,
  type CodePayload,
} from './personal-code-format';

const payload: CodePayload = {
  kind: 'live',
  colour: 'yellow',
  kid: new Uint8Array([1, 2, 3]),
  issuedAt: 1_800_000_000,
  expiresAt: 1_800_000_060,
  ref: new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2]),
};

describe('personal code format', () => {
  it('round-trips base64url against Buffer for every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      const text = base64UrlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(base64UrlDecode(text))).toEqual(Array.from(bytes));
    }
  });

  it('refuses padding, foreign characters and non-canonical trailing bits', () => {
    expect(() => base64UrlDecode('AQ==')).toThrow(MalformedCodeError);
    expect(() => base64UrlDecode('A+8')).toThrow(MalformedCodeError);
    expect(() => base64UrlDecode('AR')).toThrow(/canonical/);
    expect(() => base64UrlDecode('A')).toThrow(MalformedCodeError);
  });

  it('lays the payload out as documented: 21 bytes, big-endian times', () => {
    const bytes = encodePayload(payload);
    expect(Buffer.from(bytes).toString('hex')).toBe('01' + '02' + '010203' + '6b49d200' + '6b49d23c' + '0908070605040302');
    expect(decodePayload(bytes)).toEqual(payload);
  });

  it('makes a 120-character code and parses it back', () => {
    const code = assembleCode(signedPart(payload), new Uint8Array(64).fill(7));
    expect(code).toHaveLength(120);
    const parsed = parseCode(code);
    expect(parsed.payload).toEqual(payload);
    expect(Buffer.from(parsed.signedBytes).toString('ascii')).toBe(code.slice(0, code.lastIndexOf('.')));
  });

  it('refuses kind/colour combinations the format does not allow', () => {
    expect(() => encodePayload({ ...payload, kind: 'printed' })).toThrow(RangeError);
    const bytes = encodePayload(payload);
    bytes[1] = 0x10 | 2;
    expect(() => decodePayload(bytes)).toThrow(/fit together/);
    bytes[1] = 0x05;
    expect(() => decodePayload(bytes)).toThrow(/unknown kind or colour/);
  });

  it.each([
    ['', /not a govpass code/],
    ['GPC2.AAAA.AAAA', /not a govpass code/],
    ['GPC1.AAAA', /two dots/],
    ['GPC1.AA.AA.AA', /two dots/],
    ['GPC1.AAAA.AAAA', /wrong length/],
  ])('refuses %j', (text, why) => {
    expect(() => parseCode(text)).toThrow(why);
  });
});
