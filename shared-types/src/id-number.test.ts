import { BindIdentityRequest } from './identity';
import { hasValidBirthDate, hasValidCheckDigit, idCheckChar, maskIdNumber, maskName, withCheckChar } from './id-number';

describe('GB 11643 ID numbers', () => {
  it('computes the mod 11-2 check character, including X', () => {
    // Published example from the standard's annex: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(hasValidCheckDigit('11010519491231002X')).toBe(true);
    expect(hasValidCheckDigit('110105194912310021')).toBe(false);
  });

  it('accepts real calendar dates only', () => {
    const today = new Date('2026-11-22T00:00:00Z');
    expect(hasValidBirthDate(withCheckChar('11010120000229001'), today)).toBe(true); // leap year
    expect(hasValidBirthDate(withCheckChar('11010119000229001'), today)).toBe(false); // 1900 is not
    expect(hasValidBirthDate(withCheckChar('11010119901301001'), today)).toBe(false); // month 13
    expect(hasValidBirthDate(withCheckChar('11010120261123001'), today)).toBe(false); // tomorrow
    expect(hasValidBirthDate(withCheckChar('11010118991231001'), today)).toBe(false);
  });

  it('masks as the UI shows it', () => {
    expect(maskIdNumber('340104199001011234')).toBe('3401**********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('the shared schema reports which rule failed, in Chinese', () => {
    const bad = BindIdentityRequest.safeParse({ name: '张三', idNumber: '110105194912310021' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['idNumber', '身份证号最后一位不对，请核对']]);
    const ok = BindIdentityRequest.parse({ name: ' 张三 ', idNumber: '11010519491231002x' });
    expect(ok).toEqual({ name: '张三', idNumber: '11010519491231002X' });
    expect(BindIdentityRequest.safeParse({ name: 'Zhang', idNumber: '123' }).error?.issues.map((i) => i.path[0]).sort()).toEqual(['idNumber', 'name']);
  });
});
