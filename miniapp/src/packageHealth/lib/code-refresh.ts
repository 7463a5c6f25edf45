/** Fetch a new code when three quarters of its life have passed: at 45 s of a 60 s code. */
export const REFRESH_AT_FRACTION = 0.75;
const MIN_DELAY_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;
/** After a failed refresh, try again this soon. */
export const RETRY_DELAY_MS = 10_000;

/**
 * When to fetch the next code, counted from when this one arrived. The code's own lifetime
 * (expiresAt − issuedAt, both from the server's clock) decides, not the phone's clock, which may
 * be minutes off.
 */
export function refreshDelayMs(issuedAt: string, expiresAt: string): number {
  const lifetime = Date.parse(expiresAt) - Date.parse(issuedAt);
  if (!Number.isFinite(lifetime) || lifetime <= 0) return MIN_DELAY_MS;
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.round(lifetime * REFRESH_AT_FRACTION)));
}

/** HH:mm:ss in China time: the live clock on the code (a screenshot shows a stale time). */
export function clockText(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
