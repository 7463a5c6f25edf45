import { clockText, dayText, timeOfDay } from '../src/packageVenues/lib/clock-text';
import { busiestHour, hourBars } from '../src/packageVenues/lib/hourly-bars';
import { defaultTraceDays, traceWindow } from '../src/packageVenues/lib/trace-window';
import { venueCodeFromParams, venueCodeFromText } from '../src/packageVenues/lib/venue-code-from-scan';
import { checkinErrorMessage } from '../src/packageVenues/lib/checkin-errors';
import { ApiError } from '../src/api/api-error';
import { SCAN_URL, VENUE_CODE } from './venue-fixtures';

describe('venue code from a scan, a paste or a landing', () => {
  it('reads the poster URL, the bare code and the check-in link', () => {
    expect(venueCodeFromText(SCAN_URL)).toBe(VENUE_CODE);
    expect(venueCodeFromText(`  ${VENUE_CODE} `)).toBe(VENUE_CODE);
    expect(venueCodeFromText(`${SCAN_URL}?from=timeline`)).toBe(VENUE_CODE);
    expect(venueCodeFromText(`http://127.0.0.1:3000/#/packageVenues/pages/checkin/index?code=${encodeURIComponent(VENUE_CODE)}`)).toBe(VENUE_CODE);
  });

  it("reads WeChat's q (the URL URI-encoded, sometimes twice) and Alipay's qrCode", () => {
    expect(venueCodeFromParams({ q: encodeURIComponent(SCAN_URL) })).toBe(VENUE_CODE);
    expect(venueCodeFromParams({ q: encodeURIComponent(encodeURIComponent(SCAN_URL)) })).toBe(VENUE_CODE);
    expect(venueCodeFromParams({ qrCode: SCAN_URL })).toBe(VENUE_CODE);
    expect(venueCodeFromParams({ code: VENUE_CODE })).toBe(VENUE_CODE);
    expect(venueCodeFromParams({ code: encodeURIComponent(SCAN_URL) })).toBe(VENUE_CODE);
    expect(venueCodeFromParams({})).toBeNull();
  });

  it('refuses what is no venue code: a health code, another site, a truncated code', () => {
    expect(venueCodeFromText('GPC1.some-personal-code')).toBeNull();
    expect(venueCodeFromText('https://example.com/?code=abc')).toBeNull();
    expect(venueCodeFromText(VENUE_CODE.slice(0, -3))).toBeNull();
    expect(venueCodeFromText('')).toBeNull();
    expect(venueCodeFromText('%E0%A4%A')).toBeNull();
  });
});

describe('counts by hour', () => {
  it('gives 24 bars relative to the busiest hour, small hours still visible', () => {
    const bars = hourBars([
      { hour: 9, count: 200 },
      { hour: 10, count: 100 },
      { hour: 11, count: 1 },
    ]);
    expect(bars).toHaveLength(24);
    expect(bars[9]).toEqual({ hour: 9, count: 200, percent: 100 });
    expect(bars[10].percent).toBe(50);
    expect(bars[11].percent).toBe(4);
    expect(bars[0].percent).toBe(0);
    expect(busiestHour(bars)).toBe(9);
    expect(busiestHour(hourBars([]))).toBeNull();
  });
});

describe('clock and window', () => {
  const NOW = Date.parse('2026-12-05T01:30:07.000Z');

  it('shows China time with seconds, the day and the check-in time', () => {
    expect(clockText(NOW)).toBe('09:30:07');
    expect(dayText(NOW)).toBe('12月5日 周六');
    expect(timeOfDay('2026-12-05T01:30:00.000Z')).toBe('09:30');
    expect(timeOfDay('bad')).toBe('bad');
  });

  it('turns China days into the infectious window of whole days (a re-run is the same window)', () => {
    expect(defaultTraceDays(NOW)).toEqual({ from: '2026-12-01', until: '2026-12-05' });
    expect(traceWindow('2026-12-01', ' 2026-12-05 ')).toEqual({ from: '2026-12-01T00:00:00+08:00', until: '2026-12-05T23:59:59+08:00' });
  });
});

describe('check-in errors', () => {
  it("say a forged or altered code is the venue's, not a pickup code", () => {
    const err = (code: 'INVALID_CODE' | 'CHECKIN_LIMIT') => new ApiError({ code, status: 422, message: code });
    expect(checkinErrorMessage(err('INVALID_CODE'))).toContain('场所码无法识别');
    expect(checkinErrorMessage(err('CHECKIN_LIMIT'))).toContain('每日上限');
    expect(checkinErrorMessage(new Error('x'))).toBe('出了点问题，请稍后再试');
  });
});
