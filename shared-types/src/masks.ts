/*
 * Mask reservations: the contract between the mini-program, the BFF and the open-data consumers.
 * Times are ISO-8601 instants (UTC, `Z`); calendar dates (pickup day) are YYYY-MM-DD in China time.
 */

// Generic pieces every contract uses; re-exported here so existing `./masks` imports keep working.
export { DeletedResponse, EntityId, IdParams, IsoDate, IsoInstant } from './common';
// One file per sub-area; this file keeps the one import path (`./masks`, `@govpass/shared-types/src/masks`).
export * from './masks-rounds';
export * from './masks-pharmacies';
export * from './masks-reservations';
export * from './masks-eligibility';
export * from './masks-counter';
export * from './masks-admin';
