/**
 * Dates as people in China read them, whatever the phone's time zone: rounds open at Beijing time
 * and pickup days are China calendar days (the contract's YYYY-MM-DD).
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function chinaClock(ms: number): Date {
  // A Date whose UTC fields read as the China wall clock.
  return new Date(ms + CHINA_OFFSET_MS);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYYY-MM-DD of an instant in China time. */
export function chinaDateOf(ms: number): string {
  return chinaClock(ms).toISOString().slice(0, 10);
}

/** '2024-03-05' → '2024年3月5日'; anything else is returned as given. */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

/** '2024-03-05' → '2024年3月5日（周二）'; anything else is returned as given. */
export function formatDay(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${formatDate(isoDate)}（周${WEEKDAYS[weekday]}）`;
}

/** An ISO instant → '3月5日 09:00' in China time; unparsable text is returned as given. */
export function formatInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = chinaClock(ms);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A day given either as YYYY-MM-DD or as an ISO instant (read in China time) → YYYY-MM-DD, or null. */
export function toChinaDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : chinaDateOf(ms);
}
