/**
 * The scan-entry contract, imported in ONE place in the mini-program. Main package: the app reads
 * launch options before any page; these modules import no service's schemas.
 */
export * from '@govpass/shared-types/src/scan-entry';
export * from '@govpass/shared-types/src/scan-entry-routes';
