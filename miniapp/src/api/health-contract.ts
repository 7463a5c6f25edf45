/**
 * The health-code contract, imported in ONE place and module by module (not through the
 * shared-types index) so its schemas stay in the health subpackage.
 */
export * from '@govpass/shared-types/src/health';
export * from '@govpass/shared-types/src/health-routes';
