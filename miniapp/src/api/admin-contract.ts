/**
 * The operator console's contract, imported in ONE place and module by module (not through the
 * shared-types index) so its schemas stay in the packageAdmin subpackage.
 */
export * from '@govpass/shared-types/src/masks';
export * from '@govpass/shared-types/src/mask-routes';
export * from '@govpass/shared-types/src/mask-operations';
export * from '@govpass/shared-types/src/admin';
export * from '@govpass/shared-types/src/audit';
export * from '@govpass/shared-types/src/admin-routes';
export * from '@govpass/shared-types/src/mask-rounds';
