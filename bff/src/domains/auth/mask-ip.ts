import { isIP } from 'node:net';

/**
 * An address shown to its owner in 我的 → 登录设备: enough to tell "at home" from "somewhere else",
 * never the full address. IPv4 keeps its first three octets (203.0.113.*), IPv6 its first three
 * groups (2001:db8:85a3:*); anything else is "未知".
 */
export function maskIp(ip: string): string {
  const bare = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (bare === '::1') return bare;
  if (isIP(bare) === 4) return `${bare.split('.').slice(0, 3).join('.')}.*`;
  if (isIP(bare) === 6) {
    const groups = bare.split(':').filter((g) => g !== '');
    return groups.length === 0 ? '::*' : `${groups.slice(0, 3).join(':')}:*`;
  }
  return '未知';
}

/** A coarse place for a masked address: only what needs no location database (none is kept). */
export function placeOf(ip: string): string | null {
  const bare = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (bare === '::1' || bare.startsWith('127.')) return '本机';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(bare) || /^f[cd]/i.test(bare)) return '内网';
  return null;
}
