/**
 * The personal-code contract, imported in ONE place and module by module (not through the
 * shared-types index) so its schemas stay in the subpackages that verify or show codes.
 */
export * from '@govpass/shared-types/src/personal-code';
export * from '@govpass/shared-types/src/code-routes';
