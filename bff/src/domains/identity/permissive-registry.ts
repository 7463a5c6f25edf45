import type { PopulationRegistry } from './population-registry';

/** Development only (config `identity.registry: permissive`): any well-formed ID number matches. */
export class PermissiveRegistry implements PopulationRegistry {
  matches(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
