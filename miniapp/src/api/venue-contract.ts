/**
 * The venue-code and tracing contracts, imported in ONE place and module by module (not through the
 * shared-types index) so their schemas stay in the venues subpackage.
 */
export * from '@govpass/shared-types/src/venues';
export * from '@govpass/shared-types/src/venue-routes';
export * from '@govpass/shared-types/src/tracing';
