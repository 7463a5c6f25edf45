import { pages, withQuery } from '../../constants/pages';

/**
 * The printable poster of a venue: the one poster page of every printed code (packageScan,
 * docs/scan-entry.md), named by the venue's signed poster code, as the entry API and the QR name it.
 */
export function venuePosterUrl(venueCode: string): string {
  return withQuery(pages.scanPoster, { kind: 'venue', id: venueCode });
}
