import { api } from '../api/api';
import { fillPath } from '../api/fill-path';
import { scanEntryRoutes, type EntryResponse, type PlaceEntry } from './entry-contract';

/** GET /api/v1/entries/:kind/:id on the app's client (its answer checked against the contract). */
export function resolveEntry(entry: PlaceEntry): Promise<EntryResponse> {
  const path = fillPath(scanEntryRoutes.resolveEntry.path, { kind: entry.kind, id: entry.id });
  return api.send({ name: 'resolveEntry', contract: scanEntryRoutes.resolveEntry, path, body: undefined, headers: {} }) as Promise<EntryResponse>;
}
