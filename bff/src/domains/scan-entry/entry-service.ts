import { buildEntryUrl, sceneOf, type EntryResponse, type PlaceEntry } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { PlaceLookups } from './scan-entry-ports';

/**
 * Answers what a printed code stands for: its URL (what the QR holds), its scene (what a
 * mini-program code holds) and the place's name and address. A place whose domain says it does
 * not exist is a 404, so the app can send the person home with a sentence instead of a dead page.
 */
export class EntryService {
  constructor(
    private readonly lookups: PlaceLookups,
    /** https://<public host>, or null to use the request's origin (development). */
    private readonly publicBaseUrl: string | null,
  ) {}

  async resolve(entry: PlaceEntry, requestOrigin: string): Promise<EntryResponse> {
    const lookup = this.lookups[entry.kind];
    const place = lookup ? await lookup(entry.id) : null;
    if (lookup && !place) throw new AppError(404, 'NOT_FOUND', 'This place does not exist (any more)', { details: { kind: entry.kind } });
    return { kind: entry.kind, id: entry.id, url: this.urlOf(entry, requestOrigin), scene: sceneOrNull(entry), place };
  }

  /** Whether the place exists, or is of a kind this BFF cannot check (yet). */
  async exists(entry: PlaceEntry): Promise<boolean> {
    const lookup = this.lookups[entry.kind];
    return lookup ? (await lookup(entry.id)) !== null : true;
  }

  /** Whether answers name the configured host (shared caches may keep them) or the request's own. */
  get fixedHost(): boolean {
    return this.publicBaseUrl !== null;
  }

  urlOf(entry: PlaceEntry, requestOrigin: string): string {
    return buildEntryUrl(this.publicBaseUrl ?? requestOrigin, entry);
  }
}

function sceneOrNull(entry: PlaceEntry): string | null {
  try {
    return sceneOf(entry);
  } catch {
    return null;
  }
}
