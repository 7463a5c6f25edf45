import { AppealText, CsvText } from './health';
import { LoginRequest } from './auth';
import { PharmacyInput } from './masks';
import { safeText, SafeMultilineText, SafeText } from './safe-text';

const pharmacy = { name: '康民药房', address: '北京市东城区1号', district: '东城区', lat: 39.9, lng: 116.4, phone: '010-1234', openingHours: '8:00-20:00' };
const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('SafeText', () => {
  it('refuses NUL and the other C0 controls, DEL and line breaks in one-line text', () => {
    for (const bad of ['a\u0000b', 'a\u0001', '\u001fx', 'a\u007fb', 'a\nb', 'a\tb', 'a\rb']) expect(SafeText.safeParse(bad).success).toBe(false);
    expect(SafeText.safeParse('康民药房 No.1 · (东门) 😷').success).toBe(true);
  });

  it('refuses lone surrogates, keeps pairs', () => {
    for (const bad of ['\ud800', 'a\ud83db', '\ude37', 'x\ude37y', '\ude37\ud83d']) expect(SafeText.safeParse(bad).success).toBe(false);
    expect(SafeText.safeParse('\ud83d\ude37').success).toBe(true);
  });

  it('multiline text allows tab, LF and CR only', () => {
    expect(SafeMultilineText.safeParse('第一行\r\n第二行\t完').success).toBe(true);
    for (const bad of ['a\u0000b', 'a\u000bb', 'a\u001bb']) expect(SafeMultilineText.safeParse(bad).success).toBe(false);
  });

  it('chains like z.string and keeps the custom type message', () => {
    const Name = safeText({ message: '请填写名称' }).trim().min(1).max(4);
    expect(Name.parse('  ab  ')).toBe('ab');
    expect(Name.safeParse('abcdef').success).toBe(false);
    expect(issuesOf(Name.safeParse(42))).toEqual([': 请填写名称']);
    // One message per field: a control character is not also "too long".
    expect(issuesOf(Name.safeParse('\u0000'.repeat(9)))).toEqual([': 不能含有换行或不可见的控制字符']);
  });

  it('is what the contracts use: pharmacy fields, login code, appeal reason, CSV', () => {
    expect(PharmacyInput.safeParse(pharmacy).success).toBe(true);
    expect(issuesOf(PharmacyInput.safeParse({ ...pharmacy, name: 'a\u0000b', address: 'a\u0000b', openingHours: 'a\u0000b' }))).toEqual([
      'name: 不能含有换行或不可见的控制字符',
      'address: 不能含有换行或不可见的控制字符',
      'openingHours: 不能含有换行或不可见的控制字符',
    ]);
    expect(LoginRequest.safeParse({ channel: 'h5', code: 'dev:a\u0000' }).success).toBe(false);
    expect(AppealText.safeParse('我没有去过\n那个地方').success).toBe(true);
    expect(AppealText.safeParse('我没有去过\u0000那个地方').success).toBe(false);
    expect(CsvText.safeParse('a,b\r\n1,2\r\n').success).toBe(true);
  });

  it('scans a 2 MB text in one linear pass', () => {
    const big = 'x,'.repeat(1_000_000) + '\u0000';
    const start = Date.now();
    expect(CsvText.safeParse(big).success).toBe(false);
    expect(CsvText.safeParse(big.slice(0, -1)).success).toBe(true);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
