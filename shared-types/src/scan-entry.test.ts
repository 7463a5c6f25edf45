import {
  buildEntryUrl,
  ENTRY_URL_MAX_LENGTH,
  parseEntryPath,
  parseEntryUrl,
  parseLaunchParams,
  parseScene,
  SCENE_MAX_LENGTH,
  sceneOf,
  UNKNOWN_ENTRY_SCENE,
  type LaunchEntryResult,
  type RawEntryParams,
  type ScanEntry,
} from './scan-entry';

const HOST = 'https://gov.example.cn';
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
/** A venue's signed poster code (venues.ts): the shape only, the signature is the BFF's to check. */
const VENUE_CODE = `GPV1.AAECAwQFBgcICQ.${'A'.repeat(86)}`;
const pharmacy: ScanEntry = { kind: 'pharmacy', id: 'ph-001' };
const url = (path: string) => `${HOST}${path}`;
const entry = (e: ScanEntry): LaunchEntryResult => ({ status: 'entry', entry: e });
const INVALID: LaunchEntryResult = { status: 'invalid' };

describe('entry URL', () => {
  it.each([
    [pharmacy, '/s/pharmacy/ph-001'],
    [{ kind: 'hall', id: 'hall-1' }, '/s/hall/hall-1'],
    [{ kind: 'window', id: 'w_12' }, '/s/window/w_12'],
    [{ kind: 'venue', id: VENUE_CODE }, `/s/venue/${VENUE_CODE}`],
    [{ kind: 'home' }, '/s/home'],
    [{ kind: 'pharmacy', id: UUID }, `/s/pharmacy/${UUID}`],
  ] as const)('builds %j as %s and parses it back', (e, path) => {
    expect(buildEntryUrl(`${HOST}/`, e)).toBe(url(path));
    expect(parseEntryUrl(url(path))).toEqual(e);
    expect(parseEntryUrl(`${url(path)}/`)).toEqual(e);
  });

  it('refuses to build what it could not parse back', () => {
    expect(() => buildEntryUrl(HOST, { kind: 'pharmacy', id: 'ph 001' })).toThrow();
    expect(() => buildEntryUrl(HOST, { kind: 'shop', id: 'x' } as unknown as ScanEntry)).toThrow();
    expect(() => buildEntryUrl(`https://${'a'.repeat(ENTRY_URL_MAX_LENGTH)}.cn`, pharmacy)).toThrow(RangeError);
  });

  it.each([
    ['unknown kind', url('/s/shop/ph-001')],
    ['no id', url('/s/pharmacy')],
    ['empty id', url('/s/pharmacy//')],
    ['extra segment', url('/s/pharmacy/ph-001/x')],
    ['two trailing slashes', url('/s/pharmacy/ph-001//')],
    ['id with a space', url('/s/pharmacy/ph%20001')],
    ['id with Chinese', url('/s/pharmacy/药店')],
    ['id too long', url(`/s/pharmacy/${'a'.repeat(37)}`)],
    ['upper-case kind', url('/s/PHARMACY/ph-001')],
    ['a venue named like a pharmacy', url('/s/venue/V7Q2KD')],
    ['a venue code with a bad signature length', url(`/s/venue/GPV1.AAECAwQFBgcICQ.${'A'.repeat(85)}`)],
    ['a pharmacy named like a venue', url(`/s/pharmacy/${VENUE_CODE}`)],
    ['another path', url('/x/pharmacy/ph-001')],
    ['home with an id', url('/s/home/1')],
    ['not http', 'ftp://gov.example.cn/s/pharmacy/ph-001'],
    ['javascript', 'javascript:alert(1)//s/pharmacy/ph-001'],
    ['no URL at all', 'ph-001'],
    ['longer than the bound', url(`/s/pharmacy/ph-001${'/'.repeat(ENTRY_URL_MAX_LENGTH)}`)],
  ])('does not read %s', (_name, text) => {
    expect(parseEntryUrl(text)).toBeNull();
  });

  it('ignores a query or fragment a scanner or tool added (as the venue poster parser does)', () => {
    expect(parseEntryUrl(url('/s/pharmacy/ph-001?from=print'))).toEqual(pharmacy);
    expect(parseEntryUrl(url('/s/pharmacy/ph-001/#x'))).toEqual(pharmacy);
  });

  it('reads bare paths the way the BFF sees them', () => {
    expect(parseEntryPath('/s/hall/hall-1/')).toEqual({ kind: 'hall', id: 'hall-1' });
    expect(parseEntryPath('/s/')).toBeNull();
    expect(parseEntryPath('/s/home/')).toEqual({ kind: 'home' });
  });
});

describe('scene (mini-program codes)', () => {
  it.each([
    [pharmacy, 'p/ph-001'],
    [{ kind: 'hall', id: 'hall-1' }, 'h/hall-1'],
    [{ kind: 'window', id: 'w-3' }, 'w/w-3'],
    [{ kind: 'home' }, 'home'],
    [{ kind: 'hall', id: 'a'.repeat(30) }, `h/${'a'.repeat(30)}`],
  ] as const)('%j is %s, within 32 characters of the allowed set', (e, scene) => {
    expect(sceneOf(e)).toBe(scene);
    expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
    expect(scene).toMatch(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/);
    expect(parseScene(scene)).toEqual(e);
  });

  it('packs a UUID id into 24 characters and back', () => {
    const scene = sceneOf({ kind: 'pharmacy', id: UUID });
    expect(scene).toHaveLength(24);
    expect(scene.startsWith('p.')).toBe(true);
    expect(parseScene(scene)).toEqual({ kind: 'pharmacy', id: UUID });
  });

  it('refuses an id that cannot fit 32 characters: a long slug, a venue’s signed code', () => {
    expect(() => sceneOf({ kind: 'hall', id: 'a'.repeat(31) })).toThrow(RangeError);
    expect(() => sceneOf({ kind: 'venue', id: VENUE_CODE })).toThrow(RangeError);
  });

  it.each([
    ['33 characters', `p/${'a'.repeat(31)}`],
    ['empty', ''],
    ['unknown letter', 'z/ph-001'],
    ['no separator', 'pph-001'],
    ['odd characters in the id', "p/ph'001"],
    ['a space', 'p/ph 001'],
    ['nested path', 'p/ph/001'],
    ['bad packed UUID', 'p.!!!!!!!!!!!!!!!!!!!!!!'],
    ['packed id of the wrong length', 'p.AAAA'],
    ['the BFF marker for an unreadable path', UNKNOWN_ENTRY_SCENE],
  ])('does not read %s', (_name, scene) => {
    expect(parseScene(scene)).toBeNull();
  });
});

describe('launch parameters (q, scene, H5 query)', () => {
  const printed = url('/s/pharmacy/ph-001');
  it.each<[string, RawEntryParams | null | undefined, LaunchEntryResult]>([
    ['WeChat q, URL-encoded', { q: encodeURIComponent(printed) }, entry(pharmacy)],
    ['WeChat q, URL-encoded, trailing slash', { q: encodeURIComponent(`${printed}/`) }, entry(pharmacy)],
    ['Alipay qrCode, plain', { q: printed }, entry(pharmacy)],
    ['plain, trailing slash', { q: `${printed}/` }, entry(pharmacy)],
    ['WeChat scene, URL-encoded', { scene: encodeURIComponent('p/ph-001') }, entry(pharmacy)],
    ['scene, plain (Alipay query_param, H5 query)', { scene: 'h/hall-1' }, entry({ kind: 'hall', id: 'hall-1' })],
    ['scene home', { scene: 'home' }, entry({ kind: 'home' })],
    ['q wins over scene', { q: printed, scene: 'h/hall-1' }, entry(pharmacy)],
    ['nothing', {}, { status: 'none' }],
    ['no options', undefined, { status: 'none' }],
    ['empty strings', { q: '', scene: '' }, { status: 'none' }],
    ['broken percent-encoding %E4%B8', { q: `${encodeURIComponent(printed)}%E4%B8` }, INVALID],
    ['broken percent-encoding %ff', { scene: 'p/ph%ff' }, INVALID],
    ['q encoded twice', { q: encodeURIComponent(encodeURIComponent(printed)) }, INVALID],
    ['q not a string', { q: ['x'] }, INVALID],
    ['scene a number', { scene: 1047 }, INVALID],
    ['scene of 33 characters', { scene: `p/${'a'.repeat(31)}` }, INVALID],
    ['q very long', { q: `${printed}${'a'.repeat(10_000)}` }, INVALID],
    ['a venue poster, WeChat q', { q: encodeURIComponent(`https://gov.example.cn/s/venue/${VENUE_CODE}`) }, entry({ kind: 'venue', id: VENUE_CODE })],
    ['q of another site', { q: encodeURIComponent('https://evil.example/x?y=/s/pharmacy/ph-001') }, INVALID],
    ['the BFF marker', { scene: UNKNOWN_ENTRY_SCENE }, INVALID],
  ])('%s', (_name, params, expected) => {
    expect(parseLaunchParams(params)).toEqual(expected);
  });
});
