/**
 * The service-hall contracts (registry, tickets, board; appointments and ratings), imported in ONE
 * place and module by module so their schemas stay in the packageHall subpackage.
 */
export * from '@govpass/shared-types/src/halls';
export * from '@govpass/shared-types/src/hall-tickets';
export * from '@govpass/shared-types/src/hall-routes';
export * from '@govpass/shared-types/src/appointments';
export * from '@govpass/shared-types/src/appointment-routes';
export * from '@govpass/shared-types/src/hall-shifts';
export * from '@govpass/shared-types/src/slot-settings';
