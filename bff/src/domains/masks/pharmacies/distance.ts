export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance in metres: accurate to well under a metre at city scale. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Nearest first; equal distances by id so pages never shuffle between requests. */
export function byDistanceFrom<T extends LatLng & { id: string }>(origin: LatLng, items: T[]): Array<T & { distanceM: number }> {
  return items
    .map((item) => ({ ...item, distanceM: Math.round(distanceMeters(origin, item)) }))
    .sort((x, y) => x.distanceM - y.distanceM || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
