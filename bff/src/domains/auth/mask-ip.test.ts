import { maskIp, placeOf } from './mask-ip';

describe('maskIp / placeOf', () => {
  it('keeps three IPv4 octets, three IPv6 groups, and nothing of anything else', () => {
    expect(maskIp('203.0.113.77')).toBe('203.0.113.*');
    expect(maskIp('::ffff:198.51.100.9')).toBe('198.51.100.*');
    expect(maskIp('2001:db8:85a3:0:0:8a2e:370:7334')).toBe('2001:db8:85a3:*');
    expect(maskIp('::1')).toBe('::1');
    expect(maskIp('')).toBe('未知');
    expect(maskIp('not-an-ip')).toBe('未知');
  });

  it('names only places that need no location database', () => {
    expect(placeOf(maskIp('127.0.0.1'))).toBe('本机');
    expect(placeOf(maskIp('::1'))).toBe('本机');
    expect(placeOf(maskIp('192.168.3.4'))).toBe('内网');
    expect(placeOf(maskIp('172.20.1.1'))).toBe('内网');
    expect(placeOf(maskIp('203.0.113.77'))).toBeNull();
  });
});
