import { parseLaunchParams, ScanEntry, type LaunchEntryResult } from './entry-contract';

/** What the in-app 扫一扫 read, in the launch entry's terms, with the URL when the code was one. */
export interface ScannedEntry {
  result: LaunchEntryResult;
  /** The scanned URL, for the host check against the BFF's own URL of that place (open-entry.ts). */
  url: string | null;
}

const NOTHING: ScannedEntry = { result: { status: 'none' }, url: null };
const INVALID: ScannedEntry = { result: { status: 'invalid' }, url: null };

/**
 * The in-app scanner (or the typed code where there is none) gives one text; the launch gives
 * `q`/`scene`. This maps the text onto the same parameters so ONE parser and ONE router
 * (`routeEntry`) serve both: a printed URL (as `q`), the path WeChat's scanCode answers for our own
 * mini-program code (`pages/index/index?scene=p%2Fph-001`, its `scene`), the short form typed from a
 * poster (`p/ph-001`), or a venue's bare signed code (`GPV1.…`). Anything else is invalid.
 */
export function entryOfScannedText(raw: string | null): ScannedEntry {
  const text = (raw ?? '').trim();
  if (!text) return NOTHING;
  if (/^https?:\/\//i.test(text)) return { result: parseLaunchParams({ q: text }), url: text };
  const miniPath = /^\/?[A-Za-z0-9_/-]+\?(.*)$/.exec(text);
  if (miniPath) {
    const scene = queryValue(miniPath[1], 'scene');
    return scene ? { result: parseLaunchParams({ scene }), url: null } : INVALID;
  }
  if (text.startsWith('GPV1.')) {
    const venue = ScanEntry.safeParse({ kind: 'venue', id: text });
    return venue.success ? { result: { status: 'entry', entry: venue.data }, url: null } : INVALID;
  }
  return { result: parseLaunchParams({ scene: text }), url: null };
}

/** URLSearchParams is missing on some mini-program runtimes; the value stays encoded (the parser decodes once). */
function queryValue(query: string, name: string): string | null {
  const pair = query.split('&').find((p) => p.startsWith(`${name}=`));
  return pair ? pair.slice(name.length + 1) : null;
}
