import type { EntryPlace, PlaceKind } from '@govpass/shared-types';

/**
 * What the scan entry asks another domain about one of its places: its name and address, or null
 * when it does not exist (any more). The masks domain answers for pharmacies; halls, windows and
 * venues plug theirs in app.ts when their domains land. A kind without one is "not checked here".
 */
export type PlaceLookup = (id: string) => Promise<EntryPlace | null>;
export type PlaceLookups = Partial<Record<PlaceKind, PlaceLookup>>;
