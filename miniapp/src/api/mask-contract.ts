/**
 * The mask contract, imported in ONE place. shared-types/src/index.ts re-exports masks.ts and
 * mask-routes.ts too; importing the two modules directly keeps what the packageMasks subpackage
 * needs obvious to webpack, so the mask schemas stay out of the main package (see also
 * `markSharedTypesPure` in config/index.ts and the main-package check in scripts/check-output.js).
 */
export * from '@govpass/shared-types/src/masks';
export * from '@govpass/shared-types/src/mask-routes';
export * from '@govpass/shared-types/src/masks-short-code';
