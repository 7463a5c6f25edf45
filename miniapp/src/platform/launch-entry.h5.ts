import type { LaunchEntrySource } from './types';

/**
 * In a browser the BFF answers `/s/<kind>/<id>` by sending the app to `/?scene=<short form>`
 * (or `?q=<URL>`). Read once at launch, then taken out of the address bar (the hash route stays),
 * so that a reload or a bookmark does not open the place again.
 */
export const launchEntry: LaunchEntrySource = {
  read(_options, event) {
    if (event !== 'launch' || typeof window === 'undefined') return null;
    const params = new URLSearchParams(window.location.search);
    const q = params.get('q') ?? undefined;
    const scene = params.get('scene') ?? undefined;
    if (q === undefined && scene === undefined) return null;
    params.delete('q');
    params.delete('scene');
    const rest = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
    return { q, scene };
  },
};
