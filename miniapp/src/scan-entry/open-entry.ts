import Taro from '@tarojs/taro';
import { isApiError } from '../api/api-error';
import { pages, withQuery } from '../constants/pages';
import { entryNoticeStore } from '../store/entry-notice';
import { getToken, sessionStore, silentLogin } from '../store/session';
import { resolveEntry } from './entry-api';
import { parseLaunchParams, type EntryPlace, type LaunchEntryResult, type PlaceEntry, type RawEntryParams } from './entry-contract';
import { ENTRY_MESSAGES, entryTargets, SCAN_MESSAGES } from './entry-targets';
import { entryOfScannedText } from './scanned-text';

/** How the code reached the app: it opened the app (launch), brought it back (show), or 扫一扫 inside it (scan). */
export type EntryEvent = 'launch' | 'show' | 'scan';

/**
 * Routes a scan (docs/scan-entry.md): a pharmacy → its booking page, a hall or window → the hall
 * page with "take a number", a venue → its check-in; a code that is unreadable, for a place that
 * no longer exists or for a service not in this build → the home page with a sentence saying so.
 * The silent login is finished before the place's page opens, so that page loads its data once,
 * logged in. Never throws: a scan must not break the launch.
 */
export function openEntry(raw: RawEntryParams | null, event: Exclude<EntryEvent, 'scan'>): Promise<void> {
  return routeEntry(parseLaunchParams(raw), event, null);
}

/**
 * The in-app 扫一扫 (or the code typed where there is no scanner), routed exactly as a launch: a
 * code that is not ours, forged, or for a place that no longer exists leaves the person where they
 * are (the home page) with a sentence, and opens nothing.
 */
export function openScannedText(text: string | null): Promise<void> {
  const scanned = entryOfScannedText(text);
  return routeEntry(scanned.result, 'scan', scanned.url);
}

/** The one router of every scan, however it reached the app. `scannedUrl`: a URL read in the app, whose host is checked. */
async function routeEntry(result: LaunchEntryResult, event: EntryEvent, scannedUrl: string | null): Promise<void> {
  const messages = event === 'scan' ? SCAN_MESSAGES : ENTRY_MESSAGES;
  if (result.status === 'none') return;
  if (result.status === 'invalid') return landHome(messages.invalid, event);
  const { entry } = result;
  if (entry.kind === 'home') return landHome(null, event);
  const target = entryTargets[entry.kind];
  if (!target.available) return landHome(target.unavailable, event);
  entryNoticeStore.set({ opening: true, message: null });
  try {
    await loggedIn();
    const answer = await answerFor(entry);
    if (answer === 'gone') return await landHome(messages.notFound, event);
    // The platforms open the app only for our registered hosts; the in-app scanner reads any QR.
    if (scannedUrl && answer && originOf(answer.url) !== originOf(scannedUrl)) return await landHome(messages.invalid, event);
    await open(withQuery(target.page, target.query(entry, answer?.place ?? null)));
  } finally {
    entryNoticeStore.set({ ...entryNoticeStore.get(), opening: false });
  }
}

/** Waits for the launch's login (or logs in when there is no session); a failed login is the page's to show. */
async function loggedIn(): Promise<void> {
  if (getToken() && sessionStore.get().status !== 'loading') return;
  await silentLogin().catch(() => undefined);
}

/** The BFF's URL and place; 'gone' when it says the place does not exist (or its code is forged); null when it could not tell. */
async function answerFor(entry: PlaceEntry): Promise<{ url: string; place: EntryPlace | null } | null | 'gone'> {
  try {
    return await resolveEntry(entry);
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

function originOf(url: string): string | null {
  return /^(https?:\/\/[^/?#]+)/i.exec(url)?.[1].toLowerCase() ?? null;
}

/**
 * At launch the app is already on home (the scan rules open pages/index/index); on show it may be
 * anywhere; the in-app scan runs on home and stays there.
 */
async function landHome(message: string | null, event: EntryEvent): Promise<void> {
  entryNoticeStore.set({ opening: false, message });
  if (event === 'show') await Taro.reLaunch({ url: pages.home }).catch(() => undefined);
}
