import type { Platform } from './types';

const TIMEOUT_MS = 10_000;

export const getLocation: Platform['getLocation'] = () =>
  new Promise((resolve) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      resolve(null);
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude }),
      () => resolve(null),
      { timeout: TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
