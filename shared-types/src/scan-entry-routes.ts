import { z } from 'zod';
import type { OperationContract } from './routes';
import { EntryParams, PlaceKind } from './scan-entry';

/** A place a printed code stands at, as the app and the poster show it. */
export const EntryPlace = z.object({
  name: z.string(),
  address: z.string(),
  /** A window's hall: the page a window's code opens is its hall's. */
  hallId: z.string().optional(),
});
export type EntryPlace = z.infer<typeof EntryPlace>;

export const EntryResponse = z.object({
  kind: PlaceKind,
  id: z.string(),
  /** The printed URL `https://<public host>/s/<kind>/<id>` (what the poster's QR holds). */
  url: z.string(),
  /** The short form for mini-program codes (≤ 32 characters); null when the id does not fit (a venue's signed code). */
  scene: z.string().nullable(),
  /** Name and address; null where no directory of that kind is wired into this BFF yet (docs/scan-entry.md). */
  place: EntryPlace.nullable(),
});
export type EntryResponse = z.infer<typeof EntryResponse>;

/** Which platform's round code (小程序码) to download. */
export const MiniCodePlatform = z.enum(['weapp', 'alipay']);
export type MiniCodePlatform = z.infer<typeof MiniCodePlatform>;
export const MiniCodeQuery = z.object({ platform: MiniCodePlatform });
export type MiniCodeQuery = z.infer<typeof MiniCodeQuery>;

/** The scan-entry API as data (docs/scan-entry.md). */
export const scanEntryRoutes = {
  resolveEntry: {
    method: 'GET',
    path: '/api/v1/entries/:kind/:id',
    summary: 'The place a printed code stands at: its URL, scene and name (404 when it no longer exists); public',
    auth: false,
    params: EntryParams,
    response: EntryResponse,
    errors: { 404: ['NOT_FOUND'] },
  },
  adminMiniCode: {
    method: 'GET',
    path: '/api/v1/admin/entries/:kind/:id/mini-code',
    summary: "The place's WeChat or Alipay mini-program code (小程序码) as PNG, to print (admin)",
    auth: true,
    roles: ['admin'],
    params: EntryParams,
    query: MiniCodeQuery,
    response: z.string(),
    contentType: 'image/png',
    errors: { 404: ['NOT_FOUND'], 429: ['UPSTREAM_RATE_LIMITED'], 502: ['UPSTREAM_ERROR'], 503: ['UPSTREAM_UNAVAILABLE'] },
  },
} as const satisfies Record<string, OperationContract>;
