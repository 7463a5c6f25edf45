import type { BookMasksResponse, LotteryApplication, MyReservation, MyReservationsResponse } from '../../api/mask-contract';

/**
 * Bookings made during this visit. The BFF answers a booking from its hot store and writes the
 * row to MySQL a moment later, so GET reservations may not list it yet when 我的预约 opens right
 * after; these fill the gap until it does (then the server's copy wins).
 */
const reservations = new Map<string, MyReservation>();
const applications = new Map<string, LotteryApplication>();

/** Remembers a booking answer; returns the id of what was created (reservation or application). */
export function rememberBooking(res: BookMasksResponse): string {
  if ('reservation' in res) {
    reservations.set(res.reservation.id, { ...res.reservation, pickupCode: res.pickupCode, shortCode: res.shortCode });
    return res.reservation.id;
  }
  applications.set(res.application.id, res.application);
  return res.application.id;
}

function newestFirst<T extends { createdAt: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The server's list plus the remembered bookings it does not show yet; those it does show are forgotten. */
export function withRecentBookings(server: MyReservationsResponse): MyReservationsResponse {
  for (const r of server.items) reservations.delete(r.id);
  for (const a of server.applications) applications.delete(a.id);
  if (reservations.size === 0 && applications.size === 0) return server;
  return {
    items: newestFirst([...reservations.values(), ...server.items]),
    applications: newestFirst([...applications.values(), ...server.applications]),
  };
}

export function forgetRecentBookings(): void {
  reservations.clear();
  applications.clear();
}
