import { chinaDateOf } from '../../../core/china-date';
import { addWeekdays, instantOf, minuteOf, nextWorkingDays, slotsOfDay, timeOf } from './slot-calendar';

describe('slot calendar', () => {
  it.each([
    ['09:00', 540],
    ['00:00', 0],
    ['17:30', 1050],
  ])('minuteOf(%s) = %i and back', (time, minute) => {
    expect(minuteOf(time)).toBe(minute);
    expect(timeOf(minute)).toBe(time);
  });

  it.each([
    { periods: [{ opens: '09:00', closes: '12:00' }], len: 30, starts: ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'] },
    { periods: [{ opens: '14:00', closes: '15:10' }, { opens: '09:00', closes: '10:00' }], len: 30, starts: ['09:00', '09:30', '14:00', '14:30'] },
    { periods: [{ opens: '09:00', closes: '09:20' }], len: 30, starts: [] },
    { periods: [], len: 30, starts: [] },
  ])('slots of $periods in $len minutes', ({ periods, len, starts }) => {
    expect(slotsOfDay(periods, len).map((s) => timeOf(s.startMinute))).toEqual(starts);
  });

  it('places a wall-clock minute in China time', () => {
    expect(new Date(instantOf('2026-03-02', 9 * 60)).toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });

  it('counts working days as days the hall opens', async () => {
    // 2026-03-06 is a Friday; the hall is closed on weekends and on 2026-03-10.
    const open = (d: string) => Promise.resolve(new Date(`${d}T00:00:00Z`).getUTCDay() % 6 !== 0 && d !== '2026-03-10');
    expect(await nextWorkingDays('2026-03-06', 3, open)).toEqual(['2026-03-09', '2026-03-11', '2026-03-12']);
  });

  it('adds weekdays for a follow-up deadline, skipping the weekend', () => {
    const friday = instantOf('2026-03-06', 10 * 60);
    expect(chinaDateOf(addWeekdays(friday, 5, chinaDateOf))).toBe('2026-03-13');
    expect(chinaDateOf(addWeekdays(friday, 1, chinaDateOf))).toBe('2026-03-09');
  });
});
