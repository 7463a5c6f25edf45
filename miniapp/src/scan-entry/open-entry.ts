import Taro from '@tarojs/taro';
import { isApiError } from '../api/api-error';
import { pages, withQuery } from '../constants/pages';
import { entryNoticeStore } from '../store/entry-notice';
import { getToken, sessionStore, silentLogin } from '../store/session';
import { resolveEntry } from './entry-api';
import { parseLaunchParams, type EntryPlace, type PlaceEntry, type RawEntryParams } from './entry-contract';
import { ENTRY_MESSAGES, entryTargets } from './entry-targets';

export type EntryEvent = 'launch' | 'show';

/**
 * Routes a scan (docs/scan-entry.md): a pharmacy → its booking page, a hall or window → the hall
 * page with "take a number", a venue → its check-in; a code that is unreadable, for a place that
 * no longer exists or for a service not in this build → the home page with a sentence saying so.
 * The silent login is finished before the place's page opens, so that page loads its data once,
 * logged in. Never throws: a scan must not break the launch.
 */
export async function openEntry(raw: RawEntryParams | null, event: EntryEvent): Promise<void> {
  const result = parseLaunchParams(raw);
  if (result.status === 'none') return;
  if (result.status === 'invalid') return landHome(ENTRY_MESSAGES.invalid, event);
  const { entry } = result;
  if (entry.kind === 'home') return landHome(null, event);
  const target = entryTargets[entry.kind];
  if (!target.available) return landHome(target.unavailable, event);
  entryNoticeStore.set({ opening: true, message: null });
  try {
    await loggedIn();
    const place = await placeOf(entry);
    if (place === 'gone') return await landHome(ENTRY_MESSAGES.notFound, event);
    await open(withQuery(target.page, target.query(entry, place)));
  } finally {
    entryNoticeStore.set({ ...entryNoticeStore.get(), opening: false });
  }
}

/** Waits for the launch's login (or logs in when there is no session); a failed login is the page's to show. */
async function loggedIn(): Promise<void> {
  if (getToken() && sessionStore.get().status !== 'loading') return;
  await silentLogin().catch(() => undefined);
}

/** The place's name and address; 'gone' when the BFF says it no longer exists; null when it could not tell. */
async function placeOf(entry: PlaceEntry): Promise<EntryPlace | null | 'gone'> {
  try {
    return (await resolveEntry(entry)).place;
  } catch (err) {
    // Offline or a server fault: open the page anyway, it shows its own errors and retries.
    return isApiError(err) && err.status === 404 ? 'gone' : null;
  }
}

async function open(url: string): Promise<void> {
  try {
    await Taro.navigateTo({ url });
  } catch {
    // The page stack is full (10 pages): start afresh on the place's page.
    await Taro.reLaunch({ url }).catch(() => undefined);
  }
}

/** At launch the app is already on home (the scan rules open pages/index/index); on show it may be anywhere. */
async function landHome(message: string | null, event: EntryEvent): Promise<void> {
  entryNoticeStore.set({ opening: false, message });
  if (event === 'show') await Taro.reLaunch({ url: pages.home }).catch(() => undefined);
}
