import { createStore } from './create-store';

/**
 * What the scan entry is doing, for the home page: `opening` while it waits for the login and the
 * place (the home page says 正在打开… instead of inviting taps), and the sentence to show when a
 * scanned code led home instead of to its place.
 */
export interface EntryNoticeState {
  opening: boolean;
  message: string | null;
}

export const entryNoticeStore = createStore<EntryNoticeState>({ opening: false, message: null });

export function dismissEntryNotice(): void {
  entryNoticeStore.set({ ...entryNoticeStore.get(), message: null });
}
