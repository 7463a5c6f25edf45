import { AppError } from '../../core/app-error';
import { ScriptCode, checkScriptReply, isScriptCode, scriptError } from './script-codes';

describe('script codes', () => {
  it('are all negative and distinct', () => {
    const codes = Object.values(ScriptCode).filter((v): v is number => typeof v === 'number');
    expect(codes.every((c) => c < 0)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('map each code to a typed AppError in one place', () => {
    expect(scriptError(ScriptCode.LIMIT_REACHED)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(scriptError(ScriptCode.WRONG_KIND)).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(scriptError(-999)).toMatchObject({ status: 500, code: 'INTERNAL', details: { scriptCode: -999 } });
    expect(scriptError(ScriptCode.LIMIT_REACHED)).toBeInstanceOf(AppError);
  });

  it('checkScriptReply passes results through and throws for codes', () => {
    expect(checkScriptReply(0)).toBe(0);
    expect(checkScriptReply(17)).toBe(17);
    expect(() => checkScriptReply(ScriptCode.LIMIT_REACHED)).toThrow(AppError);
    expect(() => checkScriptReply(1.5)).toThrow(/returned 1.5/);
  });

  it('isScriptCode knows only declared codes', () => {
    expect(isScriptCode(-1)).toBe(true);
    expect(isScriptCode(-99)).toBe(false);
    expect(isScriptCode('-1')).toBe(false);
  });
});
