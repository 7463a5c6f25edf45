import { pages } from '../constants/pages';
import type { EntryPlace, PlaceEntry, PlaceKind } from './entry-contract';

/**
 * Pages other branches build, by the paths the scan entry routes to. The hall UI and the venue
 * check-in adopt these paths (or change them here) and flip `available` when their page is in
 * app.config.ts; test/entry-targets.test.ts keeps the flag honest.
 */
export const ENTRY_PAGES = {
  /** 办事大厅 (hall-ui): the hall by `id` (a window by `windowId`), `action=take` to offer "take a number" at once. */
  hall: '/packageHall/pages/hall/index',
  /** 场所登记 (venues-ui): opens from the venue's signed poster `code`. */
  venueCheckIn: '/packageVenues/pages/checkin/index',
} as const;

export interface EntryTarget {
  page: string;
  /** Whether the page exists in this build; when not, the person lands on home with `unavailable`. */
  available: boolean;
  query(entry: PlaceEntry, place: EntryPlace | null): Record<string, string | undefined>;
  /** The sentence on the home page while the service is not open here yet. */
  unavailable: string;
}

export const entryTargets: Record<PlaceKind, EntryTarget> = {
  pharmacy: {
    page: pages.maskConfirm,
    available: true,
    query: (entry, place) => ({ id: entry.id, name: place?.name, address: place?.address }),
    unavailable: '',
  },
  hall: {
    page: ENTRY_PAGES.hall,
    available: true,
    query: (entry) => ({ id: entry.id, action: 'take' }),
    unavailable: '办事大厅扫码取号即将开放，已为您打开首页。取号请到大厅咨询台。',
  },
  window: {
    page: ENTRY_PAGES.hall,
    available: true,
    query: (entry, place) => ({ id: place?.hallId, windowId: entry.id, action: 'take' }),
    unavailable: '窗口扫码取号即将开放，已为您打开首页。取号请到大厅咨询台。',
  },
  venue: {
    page: ENTRY_PAGES.venueCheckIn,
    available: true,
    query: (entry) => ({ code: entry.id }),
    unavailable: '场所扫码登记即将开放，已为您打开首页。请向场所工作人员出示健康码。',
  },
};

/** Sentences for the home page, for a grandmother: what happened and what to do. */
export const ENTRY_MESSAGES = {
  invalid: '这个二维码无法识别，已为您打开首页。请在首页选择要办理的事项。',
  notFound: '这个二维码对应的地点已不存在或已停用，已为您打开首页。',
} as const;

/** The same for a code read by the in-app 扫一扫: the person stays on home, nothing opens. */
export const SCAN_MESSAGES = {
  invalid: '这不是政务通的二维码，无法打开。请扫描药店、办事大厅、窗口或场所张贴的政务通二维码。',
  notFound: '这个二维码对应的地点已不存在或已停用，无法打开。请向现场工作人员询问。',
} as const;
