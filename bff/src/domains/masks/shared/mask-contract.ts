/**
 * The mask contract, imported in ONE place: until shared-types/src/index.ts re-exports masks.ts
 * and mask-routes.ts this reaches into the package's source; afterwards both lines can read
 * `export * from '@govpass/shared-types'` without touching any other file.
 */
export * from '@govpass/shared-types/src/masks';
export * from '@govpass/shared-types/src/mask-routes';
export * from '@govpass/shared-types/src/mask-rounds';
