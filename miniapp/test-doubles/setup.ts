import { resetTaroFake } from './taro';

/** The privacy policy counts as agreed unless a test says otherwise (test/privacy-consent.test.tsx). */
export const AGREED = { currentVersion: 'v1', agreedVersion: 'v1', agreedAt: '2026-12-05T00:00:00.000Z', required: false };

beforeEach(async () => {
  resetTaroFake();
  // Only where there is a page: a `@jest-environment node` test (the build's syntax check) has no
  // window, and the app's stores reach the H5 platform, which reads it when loaded.
  if (typeof window === 'undefined') return;
  const { consentStore } = await import('../src/store/consent');
  consentStore.set({ status: AGREED, popupOpen: false });
  // A scan's sentence on home must not carry over into the next test.
  const { entryNoticeStore } = await import('../src/store/entry-notice');
  entryNoticeStore.set({ opening: false, message: null });
});
