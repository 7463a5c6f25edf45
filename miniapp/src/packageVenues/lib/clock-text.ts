const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function china(ms: number): Date {
  return new Date(ms + 8 * 3600_000);
}

/** HH:mm:ss in China time: the seconds tick, so a screenshot shows a stale time. */
export function clockText(ms: number): string {
  const d = china(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** 12月5日 周六: the day over the clock, so yesterday's screenshot is caught too. */
export function dayText(ms: number): string {
  const d = china(ms);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${'日一二三四五六'[d.getUTCDay()]}`;
}

/** An ISO instant as 'HH:mm' China time (the check-in time on the result), or the text as given. */
export function timeOfDay(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = china(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
