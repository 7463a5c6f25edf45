import { z } from 'zod';
import { base64UrlDecode, base64UrlEncode } from './personal-code-format';
import { VENUE_CODE_PATTERN } from './venues';

/*
 * Entry by scan (docs/scan-entry.md): every printed code is one URL `https://<public host>/s/<kind>/<id>`
 * (`/s/home` for the app's home). The same text opens govpass everywhere: WeChat hands it to the app
 * URL-encoded as `q` (扫普通链接二维码打开小程序), Alipay as `qrCode` (关联普通二维码), a browser
 * follows it to the BFF, which sends the H5 app on with `?scene=`. Mini-program codes (小程序码)
 * carry the short `scene` form (≤ 32 characters). Both forms are parsed here, nowhere else.
 */

/** Places a printed code can stand at, and the app's home. */
export const ENTRY_KINDS = ['pharmacy', 'hall', 'window', 'venue', 'home'] as const;
export const EntryKind = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKind>;
export type PlaceKind = Exclude<EntryKind, 'home'>;
export const PlaceKind = z.enum(['pharmacy', 'hall', 'window', 'venue']);

/** The path every printed code's URL starts with. */
export const ENTRY_PATH_PREFIX = '/s/';
/**
 * Longest entry URL accepted or built. A pharmacy's, hall's or window's URL is ≈ 60 characters (a
 * low-density QR, version ≤ 5); a venue's carries its signed poster code (venues.ts, ≤ 188
 * characters) and is the one long kind.
 */
export const ENTRY_URL_MAX_LENGTH = 256;
/** WeChat's limit for `scene` of wxacode.getUnlimited. */
export const SCENE_MAX_LENGTH = 32;

/** The id of a pharmacy, hall or window: the alphabet of every entity id (ph-001, a UUID). */
export const EntryPlaceId = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, { message: '场所编号格式不正确' });
/** A venue is named by its signed poster code (`GPV1.<payload>.<signature>`, venues.ts); the BFF checks the signature. */
export const EntryVenueCode = z.string().regex(VENUE_CODE_PATTERN, { message: '场所码格式不正确' });

export const ScanEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('home') }),
  z.object({ kind: z.enum(['pharmacy', 'hall', 'window']), id: EntryPlaceId }),
  z.object({ kind: z.literal('venue'), id: EntryVenueCode }),
]);
export type ScanEntry = z.infer<typeof ScanEntry>;
export type PlaceEntry = Extract<ScanEntry, { id: string }>;

/** Path parameters `/:kind/:id` of the entry API (the id's form per kind is checked as a ScanEntry). */
export const EntryParams = z
  .object({ kind: PlaceKind, id: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, { message: '场所编号格式不正确' }) })
  .refine((p) => ScanEntry.safeParse(p).success, { message: '场所编号格式不正确', path: ['id'] });
export type EntryParams = PlaceEntry;

/** One-letter kinds of the short `scene` form. */
const SCENE_LETTERS: Record<PlaceKind, string> = { pharmacy: 'p', hall: 'h', window: 'w', venue: 'v' };
const KIND_OF_LETTER = Object.fromEntries(Object.entries(SCENE_LETTERS).map(([kind, letter]) => [letter, kind])) as Record<string, PlaceKind>;
const HOME_SCENE = 'home';
/** Never a valid scene: what the BFF sends the H5 app for an `/s/…` path it could not read. */
export const UNKNOWN_ENTRY_SCENE = 'x';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `https://<host>/s/<kind>/<id>` (`/s/home`). `publicBase` is `https://gov.example.cn` (a trailing `/` is dropped). */
export function buildEntryUrl(publicBase: string, entry: ScanEntry): string {
  const valid = ScanEntry.parse(entry);
  const base = publicBase.replace(/\/+$/, '');
  const url = `${base}${ENTRY_PATH_PREFIX}${valid.kind === 'home' ? 'home' : `${valid.kind}/${valid.id}`}`;
  if (url.length > ENTRY_URL_MAX_LENGTH) throw new RangeError(`entry URL longer than ${ENTRY_URL_MAX_LENGTH} characters: shorten the public host`);
  return url;
}

/**
 * The entry of a path `/s/<kind>/<id>` (one trailing `/` allowed), or null. Strict: exact kinds,
 * the id alphabet, nothing after the id; the caller treats null as "unknown code → home with a sentence".
 */
export function parseEntryPath(path: string): ScanEntry | null {
  if (path.length > ENTRY_URL_MAX_LENGTH || !path.startsWith(ENTRY_PATH_PREFIX)) return null;
  const parts = path.slice(ENTRY_PATH_PREFIX.length).replace(/\/$/, '').split('/');
  if (parts.length === 1 && parts[0] === HOME_SCENE) return { kind: 'home' };
  if (parts.length !== 2 || parts[0] === HOME_SCENE) return null;
  const parsed = ScanEntry.safeParse({ kind: parts[0], id: parts[1] });
  return parsed.success ? parsed.data : null;
}

/** The entry of a full URL (any host: the public host differs between deployments), or null. */
export function parseEntryUrl(text: string): ScanEntry | null {
  if (text.length > ENTRY_URL_MAX_LENGTH || !/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  // A query or fragment is ignored (as venues.ts parseVenueScan does): scanners and tools may add one.
  return parseEntryPath(url.pathname);
}

/**
 * The short form for mini-program codes: `p/ph-001`, `h/hall-1`, `home`; a UUID id travels as 22
 * base64url characters after a `.` (`p.<22>`), so every entity id fits in 32 characters. A venue's
 * signed code never fits: venues print their URL poster (RangeError here).
 * Characters used (letters, digits, `/ . - _`) are all in WeChat's allowed set.
 */
export function sceneOf(entry: ScanEntry): string {
  const valid = ScanEntry.parse(entry);
  if (valid.kind === 'home') return HOME_SCENE;
  const letter = SCENE_LETTERS[valid.kind];
  const plain = `${letter}/${valid.id}`;
  if (plain.length <= SCENE_MAX_LENGTH) return plain;
  if (UUID.test(valid.id)) return `${letter}.${base64UrlEncode(hexBytes(valid.id.replace(/-/g, '')))}`;
  throw new RangeError(`id ${valid.id} does not fit a ${SCENE_MAX_LENGTH}-character scene`);
}

/** The entry of a `scene` (already URL-decoded), or null. */
export function parseScene(scene: string): ScanEntry | null {
  if (scene.length === 0 || scene.length > SCENE_MAX_LENGTH) return null;
  if (scene === HOME_SCENE) return { kind: 'home' };
  const match = /^([a-z])([./])(.+)$/.exec(scene);
  const kind = match ? KIND_OF_LETTER[match[1]] : undefined;
  if (!match || !kind) return null;
  const id = match[2] === '/' ? match[3] : uuidOf(match[3]);
  const parsed = id === null ? null : ScanEntry.safeParse({ kind, id });
  return parsed?.success ? parsed.data : null;
}

/** What a launch carried: nothing, a valid entry, or something that looked like one and was not. */
export type LaunchEntryResult = { status: 'none' } | { status: 'entry'; entry: ScanEntry } | { status: 'invalid' };

/** The raw entry parameters of a launch or show, as the platform capability extracts them. */
export interface RawEntryParams {
  /** The printed URL: WeChat's `q` (URL-encoded), Alipay's `qrCode`, or the H5 query's `q`. */
  q?: unknown;
  /** The short form: a mini-program code's `scene` (WeChat URL-encodes it) or the H5 query's `scene`. */
  scene?: unknown;
}

/**
 * Reads `q` (a URL, URL-encoded once or not at all) or else `scene`. Present but unusable — wrong
 * type, too long, broken percent-encoding, unknown kind or id — is `invalid`, never an exception.
 */
export function parseLaunchParams(params: RawEntryParams | null | undefined): LaunchEntryResult {
  const q = params?.q;
  const scene = params?.scene;
  if ((q === undefined || q === '') && (scene === undefined || scene === '')) return { status: 'none' };
  const entry = q !== undefined && q !== '' ? fromText(q, parseEntryUrl) : fromText(scene, parseScene);
  return entry ? { status: 'entry', entry } : { status: 'invalid' };
}

function fromText(value: unknown, parse: (text: string) => ScanEntry | null): ScanEntry | null {
  if (typeof value !== 'string' || value.length > ENTRY_URL_MAX_LENGTH * 3) return null;
  const decoded = safeDecode(value);
  return decoded === null ? null : parse(decoded);
}

/** Decodes percent-escapes once when there are any (WeChat encodes `q` and `scene`; Alipay and H5 may not). */
function safeDecode(text: string): string | null {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function uuidOf(compact: string): string | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(compact)) return null;
  let bytes: Uint8Array;
  try {
    bytes = base64UrlDecode(compact);
  } catch {
    return null;
  }
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
