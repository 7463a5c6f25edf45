import { chinaClockOf, distanceMetres, isOpenAt, todayHours } from './opening-hours';

const hall = { openingHours: [{ weekday: 1, open: '09:00', close: '12:00' }, { weekday: 1, open: '13:30', close: '17:00' }], closedDays: ['2026-12-14'] };
/** A China-time instant. */
const at = (iso: string) => Date.parse(`${iso}+08:00`);

describe('opening hours in China time', () => {
  it('knows the weekday and minute of an instant', () => {
    expect(chinaClockOf(at('2026-12-07T09:30:00'))).toEqual({ day: '2026-12-07', weekday: 1, minute: 570 });
    expect(chinaClockOf(at('2026-12-06T23:59:00')).weekday).toBe(7);
  });

  it.each([
    ['2026-12-07T08:59:00', false],
    ['2026-12-07T09:00:00', true],
    ['2026-12-07T12:30:00', false],
    ['2026-12-07T16:59:00', true],
    ['2026-12-07T17:00:00', false],
    ['2026-12-08T10:00:00', false],
    ['2026-12-14T10:00:00', false],
  ])('at %s open is %s (lunch break, other weekday, closed day)', (iso, open) => {
    expect(isOpenAt(hall, at(iso))).toBe(open);
  });

  it("gives today's periods, none on a closed day", () => {
    expect(todayHours(hall, at('2026-12-07T08:00:00'))).toEqual([{ open: '09:00', close: '12:00' }, { open: '13:30', close: '17:00' }]);
    expect(todayHours(hall, at('2026-12-14T08:00:00'))).toEqual([]);
  });

  it('measures distance in metres', () => {
    expect(Math.round(distanceMetres({ lat: 31.8206, lng: 117.2272 }, { lat: 31.8296, lng: 117.2272 }))).toBe(1001);
  });
});
