import { decodeCheckin, encodeCheckin } from './checkin-ledger';

describe('check-in stream payload', () => {
  it('round-trips and refuses what is not a check-in', () => {
    const r = { id: 'c-1', venueId: 'v-1', personId: 'p-1', accountId: 'a-1', at: 1_764_813_600_000 };
    expect(decodeCheckin(encodeCheckin(r))).toEqual(r);
    for (const bad of ['', 'c|v|p|a', 'c|v|p|a|x', 'c||p|a|1', 'c|v|p|a|1|extra']) expect(() => decodeCheckin(bad)).toThrow('malformed');
  });
});
