import { z } from 'zod';
import { EntityId } from './common';
import { safeMultilineText, safeText } from './safe-text';
import { HealthColour, HealthReason } from './personal-code';

/*
 * Venue codes (场所码) and check-ins: the contract between the mini-program, the BFF and the poster.
 * Instants are ISO-8601 UTC; calendar dates YYYY-MM-DD in China time. Wire format of the poster code
 * and its QR text: docs/venues.md.
 */

// ---------------------------------------------------------------- poster code and QR text

/** Prefix of a signed poster venue code: `GPV1.<base64url payload>.<base64url Ed25519 signature>`. */
export const VENUE_CODE_PREFIX = 'GPV1.';

/** The path of a scanned poster URL before the code: `https://<publicHost>/s/venue/<venueCode>`. */
export const VENUE_SCAN_PATH = '/s/venue/';

/** Shape only (the signature is checked by the BFF): prefix, base64url payload, 64-byte signature. */
export const VENUE_CODE_PATTERN = /^GPV1\.[A-Za-z0-9_-]{8,96}\.[A-Za-z0-9_-]{86}$/;

/**
 * What a client sends as `venueCode`: the bare code or the whole scanned URL (the BFF parses it with
 * `parseVenueScan`). Generous bound; anything not a well-formed, correctly signed code answers
 * 422 INVALID_CODE, never 400, so a scanner shows one message for every unusable QR.
 */
export const VenueCodeText = safeText({ message: '请提供场所码内容' })
  .trim()
  .min(1, { message: '请提供场所码内容' })
  .max(512, { message: '场所码内容过长' });

/** The poster's QR text for a code. `publicHost` is a host name (and port), no scheme. */
export function venueScanUrl(publicHost: string, venueCode: string): string {
  return `https://${publicHost}${VENUE_SCAN_PATH}${venueCode}`;
}

export interface VenueScan {
  kind: 'venue';
  venueCode: string;
}

const SCAN_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/s\/venue\/([^/?#]+)\/?(?:[?#].*)?$/;

/**
 * A scanned text → the venue code it carries, or null when it is not a venue poster.
 * Accepts `https://<any host>/s/venue/<code>` (query or fragment ignored, so WeChat's added
 * parameters do no harm) and the bare code. The general scan entry (扫一扫) dispatches on `kind`.
 */
export function parseVenueScan(text: string): VenueScan | null {
  const trimmed = text.trim();
  const url = SCAN_URL.exec(trimmed);
  const candidate = url ? safeDecode(url[1] ?? '') : trimmed;
  if (candidate === null || !VENUE_CODE_PATTERN.test(candidate)) return null;
  return { kind: 'venue', venueCode: candidate };
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- venues

export const VenueType = z.enum(['shop', 'restaurant', 'market', 'office', 'station', 'hospital', 'school', 'government', 'residential', 'other'], {
  message: '请选择场所类型',
});
export type VenueType = z.infer<typeof VenueType>;

/** Chinese labels of the venue types, for forms and posters. */
export const VENUE_TYPE_LABELS: Readonly<Record<VenueType, string>> = {
  shop: '商店超市',
  restaurant: '餐饮',
  market: '农贸市场',
  office: '办公楼',
  station: '车站交通',
  hospital: '医疗机构',
  school: '学校',
  government: '政务大厅',
  residential: '小区',
  other: '其他',
};

export const RegisterVenueRequest = z.object({
  name: safeText({ message: '请填写场所名称' }).trim().min(2, { message: '场所名称至少2个字' }).max(64, { message: '场所名称不超过64字' }),
  address: safeText({ message: '请填写地址' }).trim().min(2, { message: '请填写地址' }).max(255, { message: '地址过长' }),
  district: safeText({ message: '请填写所属区' }).trim().min(2, { message: '请填写所属区' }).max(40, { message: '地区名称过长' }),
  type: VenueType,
  lat: z.number({ message: '请提供纬度' }).min(-90).max(90),
  lng: z.number({ message: '请提供经度' }).min(-180).max(180),
  /** Optional stable id (e.g. v-001); a UUID is assigned when absent. */
  id: EntityId.optional(),
});
export type RegisterVenueRequest = z.infer<typeof RegisterVenueRequest>;

export const Venue = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  district: z.string(),
  type: VenueType,
  lat: z.number(),
  lng: z.number(),
  createdAt: z.string(),
});
export type Venue = z.infer<typeof Venue>;

/** A venue with its poster: the signed code and the QR text to print. */
export const VenuePoster = z.object({
  venueCode: z.string(),
  /** The QR text: `https://<publicHost>/s/venue/<venueCode>`. */
  scanUrl: z.string(),
  /** Lines printed under the QR, in Chinese. */
  instructions: z.array(z.string()),
  issuedAt: z.string(),
});
export type VenuePoster = z.infer<typeof VenuePoster>;

export const VenueResponse = z.object({ venue: Venue, poster: VenuePoster });
export type VenueResponse = z.infer<typeof VenueResponse>;

export const PosterResponse = z.object({ venue: Venue, poster: VenuePoster });
export type PosterResponse = z.infer<typeof PosterResponse>;

/** A manager's own venues; every venue for an admin. */
export const VenueListResponse = z.object({ items: z.array(Venue) });
export type VenueListResponse = z.infer<typeof VenueListResponse>;

/**
 * Admin import (CSV with header `id,name,address,district,type,lat,lng`, id may be empty); all rows
 * or none (422 IMPORT_INVALID with `details: [{line, message}]`).
 */
export const ImportVenuesRequest = z.object({ csv: safeMultilineText({ message: '请提供CSV内容' }).min(1).max(2_000_000) });
export type ImportVenuesRequest = z.infer<typeof ImportVenuesRequest>;

// ---------------------------------------------------------------- check-in (扫码登记)

export const CHECKIN_MAX_PERSONS = 6;

export const CheckinRequest = z.object({
  venueCode: VenueCodeText,
  /** Self and/or family members' person ids; omitted or empty = the caller only. */
  personIds: z.array(EntityId).max(CHECKIN_MAX_PERSONS, { message: '一次最多为6人登记' }).optional(),
});
export type CheckinRequest = z.infer<typeof CheckinRequest>;

export const CheckinPerson = z.object({
  /**
   * The recorded check-in's id (the earlier check-in's on a duplicate): what the durable row is
   * stored under, so an answer can be matched to the record (tracing, 我的数据, support).
   */
  checkinId: z.string(),
  personId: z.string(),
  maskedName: z.string(),
  colour: HealthColour,
  reasons: z.array(HealthReason),
  /** When this person's check-in was recorded (the first one when within the dedupe window). */
  checkedInAt: z.string(),
  /** True when the same person checked in at the venue within the dedupe window (one check-in). */
  duplicate: z.boolean(),
  /** What to do, in plain Chinese, when red or yellow (e.g. 请勿进入，联系工作人员); null when green. */
  advice: z.string().nullable(),
});
export type CheckinPerson = z.infer<typeof CheckinPerson>;

/** The guard's result page: venue, and per person a big colour block, masked name and time. */
export const CheckinResponse = z.object({
  venue: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  /** Server time of the answer (the page runs a live clock from it). */
  serverTime: z.string(),
  items: z.array(CheckinPerson),
});
export type CheckinResponse = z.infer<typeof CheckinResponse>;

// ---------------------------------------------------------------- counts (managers: never identities)

export const VenueCountsQuery = z.object({
  /** China-time day; default today. */
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为YYYY-MM-DD' }).optional(),
});
export type VenueCountsQuery = z.infer<typeof VenueCountsQuery>;

export const VenueCountsResponse = z.object({
  venueId: z.string(),
  date: z.string(),
  /** Check-ins on the day (China time). */
  today: z.number().int(),
  /** 24 entries, hour 0–23 China time. */
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int() })),
  /** Check-ins in the last `nowWindowMinutes` (no check-out is recorded). */
  now: z.number().int(),
  nowWindowMinutes: z.number().int(),
});
export type VenueCountsResponse = z.infer<typeof VenueCountsResponse>;
