import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLuaScripts } from '../../../infra/hot-store/load-lua-commands';
import { MASK_LUA_DIR } from './mask-scripts';
import { ScriptCode } from '../../../infra/hot-store/script-codes';
import { MaskScriptCode, isMaskScriptCode, maskScriptError } from './mask-script-codes';

const codes = Object.entries(MaskScriptCode).filter((e): e is [string, number] => typeof e[1] === 'number');

describe('mask script codes', () => {
  it('live in the mask range -100…-199 of the one ScriptCode enum, and are distinct', () => {
    for (const [name, v] of codes) {
      expect(v).toBeLessThanOrEqual(-100);
      expect(v).toBeGreaterThanOrEqual(-199);
      expect(ScriptCode[name as keyof typeof ScriptCode]).toBe(v);
    }
    expect(new Set(codes.map(([, v]) => v)).size).toBe(codes.length);
  });

  it('map to the API’s errors', () => {
    expect(maskScriptError(MaskScriptCode.SOLD_OUT)).toMatchObject({ status: 409, code: 'SOLD_OUT' });
    expect(maskScriptError(MaskScriptCode.ALREADY_RESERVED)).toMatchObject({ status: 409, code: 'ALREADY_RESERVED' });
    expect(maskScriptError(MaskScriptCode.REPEAT_PERIOD, Date.UTC(2020, 1, 10))).toMatchObject({
      status: 409,
      code: 'REPEAT_PERIOD',
      details: { availableFrom: '2020-02-10T00:00:00.000Z' },
    });
    expect(maskScriptError(MaskScriptCode.COUNTERS_MISSING)).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(maskScriptError(MaskScriptCode.IDEMPOTENCY_CONFLICT)).toMatchObject({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
    expect(maskScriptError(MaskScriptCode.IN_PROGRESS)).toMatchObject({ status: 409, code: 'IDEMPOTENCY_CONFLICT', details: { inProgress: true } });
    expect(maskScriptError(-150)).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(isMaskScriptCode(-100)).toBe(true);
    expect(isMaskScriptCode(-1)).toBe(false);
  });

  it('every script has a complete header, and declares codes exactly as the enum', () => {
    const scripts = readLuaScripts(MASK_LUA_DIR);
    expect(scripts.length).toBeGreaterThanOrEqual(11);
    for (const s of scripts) {
      const lua = readFileSync(join(MASK_LUA_DIR, s.file.split('/').pop() as string), 'utf8');
      for (const m of lua.matchAll(/^local ([A-Z_]+) = (-\d+)$/gm)) {
        expect({ file: s.file, name: m[1], value: Number(m[2]) }).toEqual({
          file: s.file,
          name: m[1],
          value: MaskScriptCode[m[1] as keyof typeof MaskScriptCode],
        });
      }
      // Codes only ever leave a script through those names, never as bare literals.
      expect(lua.replace(/^local [A-Z_]+ = -\d+$/gm, '')).not.toMatch(/-1\d\d\b/);
    }
  });
});
