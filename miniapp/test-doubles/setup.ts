import { consentStore } from '../src/store/consent';
import { resetTaroFake } from './taro';

/** The privacy policy counts as agreed unless a test says otherwise (test/privacy-consent.test.tsx). */
export const AGREED = { currentVersion: 'v1', agreedVersion: 'v1', agreedAt: '2026-12-05T00:00:00.000Z', required: false };

beforeEach(() => {
  resetTaroFake();
  consentStore.set({ status: AGREED, popupOpen: false });
});
