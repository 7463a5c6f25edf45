import { pickCurrentRound, roundStatus, toMaskRound } from './round-status';
import type { RoundRecord } from './round-store';

const at = (iso: string) => Date.parse(iso);

function round(id: string, opens: string, closes: string, pickupDate: string): RoundRecord {
  return { id, name: id, opensAt: at(opens), closesAt: at(closes), pickupDate, quantityPerPerson: 5, mode: 'first_come', repeatDays: 7, createdAt: 0 };
}

const mon = round('mon', '2020-02-03T09:00:00+08:00', '2020-02-03T20:00:00+08:00', '2020-02-04');
const tue = round('tue', '2020-02-04T09:00:00+08:00', '2020-02-04T20:00:00+08:00', '2020-02-05');

describe('roundStatus', () => {
  it('is upcoming before opening, open from opensAt (inclusive) to closesAt (exclusive), then closed', () => {
    expect(roundStatus(mon, at('2020-02-03T08:59:59.999+08:00'))).toBe('upcoming');
    expect(roundStatus(mon, at('2020-02-03T09:00:00+08:00'))).toBe('open');
    expect(roundStatus(mon, at('2020-02-03T19:59:59.999+08:00'))).toBe('open');
    expect(roundStatus(mon, at('2020-02-03T20:00:00+08:00'))).toBe('closed');
  });
});

describe('pickCurrentRound', () => {
  it('prefers the open round, then the next upcoming one', () => {
    expect(pickCurrentRound([tue, mon], at('2020-02-03T10:00:00+08:00'))?.id).toBe('mon');
    expect(pickCurrentRound([tue, mon], at('2020-02-03T07:00:00+08:00'))?.id).toBe('mon');
    expect(pickCurrentRound([tue, mon], at('2020-02-03T21:00:00+08:00'))?.id).toBe('tue');
  });

  it('keeps showing the last closed round until its pickup day has passed (China time)', () => {
    expect(pickCurrentRound([mon], at('2020-02-03T21:00:00+08:00'))?.id).toBe('mon');
    expect(pickCurrentRound([mon], at('2020-02-04T23:59:00+08:00'))?.id).toBe('mon');
    // 2020-02-04T16:30Z is already the 5th in China.
    expect(pickCurrentRound([mon], at('2020-02-04T16:30:00Z'))).toBeNull();
    expect(pickCurrentRound([], at('2020-02-04T16:30:00Z'))).toBeNull();
  });
});

describe('toMaskRound', () => {
  it('renders instants as UTC ISO strings and the status from the clock', () => {
    expect(toMaskRound(mon, at('2020-02-03T10:00:00+08:00'))).toEqual({
      id: 'mon',
      name: 'mon',
      status: 'open',
      opensAt: '2020-02-03T01:00:00.000Z',
      closesAt: '2020-02-03T12:00:00.000Z',
      pickupDate: '2020-02-04',
      quantityPerPerson: 5,
      mode: 'first_come',
      repeatDays: 7,
    });
  });
});
