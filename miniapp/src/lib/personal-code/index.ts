export { ISSUE_SKEW_MS, usableKeys, verifyOffline, type VerifierMaterial, type VerifyingKey } from './offline-verifier';
export { refusalMessages, wireErrorCode, type OfflineAccepted, type OfflineOutcome, type OfflineRefusal, type OfflineRefused } from './verification-outcome';
export {
  KEYS_MAX_AGE_MS,
  KEYS_STORAGE_KEY,
  REVOCATIONS_MAX_AGE_MS,
  REVOCATIONS_STORAGE_KEY,
  VerifierCache,
  type CacheStorage,
  type VerifierCacheState,
  type VerifierSources,
} from './verifier-cache';
