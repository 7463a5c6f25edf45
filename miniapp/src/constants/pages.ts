/**
 * Page URLs. The mask pages live in a subpackage (app.config.ts) so the main package stays small;
 * 家人管理 is in the main package because every service acts for family members.
 */
export const pages = {
  home: '/pages/index/index',
  identity: '/pages/identity/index',
  profile: '/pages/profile/index',
  family: '/pages/family/index',
  privacy: '/pages/privacy/index',
  myData: '/pages/my-data/index',
  maskPharmacies: '/packageMasks/pages/pharmacies/index',
  maskConfirm: '/packageMasks/pages/confirm/index',
  maskReservations: '/packageMasks/pages/reservations/index',
  pharmacyRedeem: '/packageMasks/pages/redeem/index',
  healthCode: '/packageHealth/pages/code/index',
  healthDeclare: '/packageHealth/pages/declare/index',
  healthAppeal: '/packageHealth/pages/appeal/index',
  healthPrinted: '/packageHealth/pages/printed/index',
  healthVerify: '/packageHealth/pages/verify/index',
  healthImport: '/packageHealth/pages/import/index',
  healthAppealsAdmin: '/packageHealth/pages/appeals-admin/index',
  // 场所码: the administrator's posters of printed codes (docs/scan-entry.md).
  scanPosters: '/packageScan/pages/posters/index',
  scanPoster: '/packageScan/pages/poster/index',
  venueCheckin: '/packageVenues/pages/checkin/index',
  myVenues: '/packageVenues/pages/venues/index',
  venueRegister: '/packageVenues/pages/register/index',
  venueCounts: '/packageVenues/pages/counts/index',
  venueTrace: '/packageVenues/pages/trace/index',
  halls: '/packageHall/pages/halls/index',
  hall: '/packageHall/pages/hall/index',
  hallBook: '/packageHall/pages/book/index',
  hallAppointments: '/packageHall/pages/appointments/index',
  hallTake: '/packageHall/pages/take/index',
  hallTicket: '/packageHall/pages/ticket/index',
  hallRate: '/packageHall/pages/rate/index',
  hallConsole: '/packageHall/pages/console/index',
  hallBoard: '/packageHall/pages/board/index',
  // 大厅管理 (hall managers): 好差评跟进, 统计, ETA 误差, 预约时段.
  hallFollowUps: '/packageHall/pages/follow-ups/index',
  hallStats: '/packageHall/pages/stats/index',
  hallEta: '/packageHall/pages/eta/index',
  hallSlots: '/packageHall/pages/slot-settings/index',
  // 管理后台 (administrators): the console's first page; the others are reached from its side bar.
  adminConsole: '/packageAdmin/pages/pharmacies/index',
} as const;

/** `url` + query string; values are URI-encoded (see `routeParam` for reading them back). */
export function withQuery(url: string, query: Record<string, string | undefined>): string {
  const parts = Object.keys(query)
    .filter((k) => query[k] !== undefined)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k] as string)}`);
  return parts.length > 0 ? `${url}?${parts.join('&')}` : url;
}

/**
 * A page parameter as sent by `withQuery`. WeChat hands page options over still URI-encoded,
 * other runtimes decode them; decoding text that has no escapes left is harmless.
 */
export function routeParam(params: Record<string, string | undefined> | undefined, key: string): string {
  const raw = params?.[key];
  if (!raw) return '';
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
