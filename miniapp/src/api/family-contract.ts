/**
 * The family contract, imported in ONE place. It is in the main package (every service acts for
 * family members): these modules import no mask schema, so the mask subpackage stays separate.
 */
export * from '@govpass/shared-types/src/family';
export * from '@govpass/shared-types/src/identity-routes';
