import { formatDay } from '../../utils/china-time';
import type { AppointmentStatus, Hall, OpeningHours, TicketStatus } from './hall-view';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const ticketStatusLabels: Readonly<Record<TicketStatus, string>> = {
  waiting: '排队中',
  called: '请到窗口',
  serving: '正在办理',
  done: '已办结',
  no_show: '已过号',
  transferred: '已转办',
  cancelled: '已取消',
};

export const appointmentStatusLabels: Readonly<Record<AppointmentStatus, string>> = {
  booked: '已预约',
  waitlisted: '候补中',
  checked_in: '已到场',
  cancelled: '已取消',
  declined: '已放弃',
  no_show: '未到场',
};

/** Colour of a status pill (the mask pages' pill styles). */
export function statusTone(status: TicketStatus | AppointmentStatus): 'green' | 'orange' | 'grey' | 'red' | 'blue' {
  switch (status) {
    case 'called':
      return 'orange';
    case 'serving':
    case 'booked':
    case 'checked_in':
      return 'green';
    case 'waiting':
    case 'waitlisted':
      return 'blue';
    case 'no_show':
      return 'red';
    default:
      return 'grey';
  }
}

function chinaClock(ms: number): Date {
  return new Date(ms + CHINA_OFFSET_MS);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An ISO instant → 09:30 in China time (HH:MM stays as it is). */
export function clockTime(iso: string): string {
  if (/^\d{2}:\d{2}$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = chinaClock(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 09:00–09:30 */
export function slotLabel(start: string, end: string): string {
  return `${clockTime(start)}–${clockTime(end)}`;
}

/** ISO weekday (1 = Monday) of an instant in China. */
export function chinaWeekday(ms: number): number {
  const day = chinaClock(ms).getUTCDay();
  return day === 0 ? 7 : day;
}

/** '2024-03-05' → 3月5日 周二; today and tomorrow by name. */
export function dayChipLabel(date: string, today: string): { top: string; bottom: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return { top: date, bottom: '' };
  const weekday = formatDay(date).replace(/^.*（(.*)）$/, '$1');
  const tomorrow = addDays(today, 1);
  const name = date === today ? '今天' : date === tomorrow ? '明天' : weekday;
  return { top: name, bottom: `${Number(m[2])}月${Number(m[3])}日` };
}

/** '2030-01-07' → 1月7日（周一）: the year is plain from the context of a booking. */
export function shortDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${Number(m[2])}月${Number(m[3])}日${formatDay(date).replace(/^.*（/, '（')}`;
}

/** YYYY-MM-DD + n days. */
export function addDays(date: string, n: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Opening hours as lines a grandmother reads: consecutive weekdays with the same hours joined. */
export function hoursLines(hours: readonly OpeningHours[]): { days: string; time: string; weekdays: number[] }[] {
  const byDay = new Map(hours.map((h) => [h.weekday, `${h.open}–${h.close}`]));
  const lines: { days: string; time: string; weekdays: number[] }[] = [];
  for (let day = 1; day <= 7; day += 1) {
    const time = byDay.get(day) ?? '休息';
    const last = lines.at(-1);
    if (last && last.time === time && last.weekdays.at(-1) === day - 1) last.weekdays.push(day);
    else lines.push({ days: '', time, weekdays: [day] });
  }
  for (const line of lines) {
    const first = WEEKDAY_NAMES[line.weekdays[0]];
    const lastDay = WEEKDAY_NAMES[line.weekdays[line.weekdays.length - 1]];
    line.days = line.weekdays.length === 1 ? first : `${first}至${lastDay.replace('周', '')}`;
  }
  return lines;
}

/** Today's hours of a hall, e.g. 今天 09:00–17:00, or 今天休息. */
export function todayHours(hall: Pick<Hall, 'hours'>, now: number): string {
  const today = hall.hours.find((h) => h.weekday === chinaWeekday(now));
  return today ? `今天 ${today.open}–${today.close}` : '今天休息';
}

/** 850 → 850米, 1234 → 1.2公里; null when unknown. */
export function formatDistance(m: number | null): string | null {
  if (m === null || !Number.isFinite(m)) return null;
  return m < 1000 ? `${Math.round(m)}米` : `${(m / 1000).toFixed(1)}公里`;
}

/** Minutes as people say them: 8分钟, 1小时5分钟. */
export function minutesText(min: number): string {
  const m = Math.max(0, Math.round(min));
  if (m < 60) return `${m}分钟`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${h}小时` : `${h}小时${rest}分钟`;
}

/** The window as said aloud and shown: '3' → 3号窗口; a name as it is. */
export function windowText(label: string): string {
  return /^\d+$/.test(label) ? `${label}号窗口` : label;
}
