import { CheckinRequest, parseVenueScan, venueScanUrl, VENUE_CODE_PATTERN } from './venues';

const sig = 'A'.repeat(86);
const code = `GPV1.AQID${'B'.repeat(20)}.${sig}`;

describe('parseVenueScan', () => {
  it('reads the poster URL and the bare code alike', () => {
    expect(VENUE_CODE_PATTERN.test(code)).toBe(true);
    expect(parseVenueScan(venueScanUrl('gov.example.cn', code))).toEqual({ kind: 'venue', venueCode: code });
    expect(parseVenueScan(`  ${code}\n`)).toEqual({ kind: 'venue', venueCode: code });
    expect(parseVenueScan(`https://gov.example.cn:8443/s/venue/${code}/?from=wx#x`)).toEqual({ kind: 'venue', venueCode: code });
  });

  it('refuses what is not a venue poster', () => {
    for (const text of ['', 'GPC1.abc.def', `http://gov.example.cn/s/venue/${code}`, `https://gov.example.cn/s/person/${code}`, `GPV1.short.${sig}`, `https://x/s/venue/%E0%A4%A`, `${code}x`]) {
      expect(parseVenueScan(text)).toBeNull();
    }
  });

  it('bounds the check-in request', () => {
    expect(CheckinRequest.safeParse({ venueCode: code }).success).toBe(true);
    expect(CheckinRequest.safeParse({ venueCode: code, personIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }).success).toBe(false);
  });
});
