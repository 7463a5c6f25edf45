const OFFSET_MS = 8 * 3_600_000;

/** "2026-12-05 14:03" in China time, whatever the device's zone. */
export function chinaDateTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-12-05 08:00" (China time) → an ISO instant with its offset, or null when not such a time. */
export function toChinaInstant(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:00+08:00`;
  return Number.isFinite(Date.parse(iso)) ? iso : null;
}

export function chinaToday(now = Date.now()): string {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10);
}
