import type { RoleGrant } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { StoredVenue } from './store/venue-store';

export function venueNotFound(): AppError {
  return new AppError(404, 'VENUE_NOT_FOUND', 'No such venue');
}

export function isAdmin(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'admin');
}

/** Venue ids a venue manager's grants are scoped to. */
export function scopedVenueIds(grants: readonly RoleGrant[]): string[] {
  return grants.filter((g) => g.role === 'venue_manager' && g.scopeId !== null).map((g) => g.scopeId as string);
}

/**
 * An admin manages every venue; a venue manager the venues they registered and those their grants
 * are scoped to. Anyone else's venue answers 404, as a missing one does (nothing to learn by probing).
 */
export function assertManages(accountId: string, grants: readonly RoleGrant[], venue: StoredVenue | null): StoredVenue {
  if (!venue) throw venueNotFound();
  if (isAdmin(grants) || venue.managerAccountId === accountId || scopedVenueIds(grants).includes(venue.id)) return venue;
  throw venueNotFound();
}
