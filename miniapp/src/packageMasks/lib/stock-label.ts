/**
 * What a remaining count means, said once for every page: the BFF counts bookings (份), and each
 * booking is the round's quantityPerPerson masks (只). "剩余 199/200" read as 199 masks; it is
 * 199 bookings of 5. `unitsPerBooking` is null when no round says it (then only 份 is said).
 */
export function stockLabel(remaining: number, unitsPerBooking: number | null | undefined): string {
  const left = `剩余 ${Math.max(0, Math.trunc(remaining))} 份`;
  return unitsPerBooking && unitsPerBooking > 0 ? `${left} · 每份 ${unitsPerBooking} 只` : left;
}

/** The quantity of one booking: '5 只'. */
export function maskCount(units: number): string {
  return `${units} 只`;
}
