import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClient } from '../redis/create-redis-client';
import {
  DYNAMIC_KEYS,
  loadLuaCommands,
  loadedLuaScripts,
  luaCommandName,
  parseLuaScript,
  readLuaScripts,
  runLua,
  withFragments,
  runLuaChecked,
} from './load-lua-commands';
import { HOT_STORE_LUA_DIR } from './redis-hot-store';

const header = (n: number, extra = '') =>
  [`-- test script`, `-- numberOfKeys: ${n}`, ...Array.from({ length: n }, (_, i) => `-- KEYS[${i + 1}] k`), extra, '-- Returns x']
    .filter(Boolean)
    .join('\n');

/** What runLua sends: EVALSHA (and EVAL after NOSCRIPT); `reply` answers both. */
function fakeClient(): RedisClient & { calls: unknown[][]; reply: (args: unknown[]) => Promise<unknown> } {
  const client = {
    calls: [] as unknown[][],
    reply: (args: unknown[]) => Promise.resolve(args.length) as Promise<unknown>,
    evalsha(...args: unknown[]) {
      client.calls.push(['evalsha', ...args]);
      return client.reply(args);
    },
    eval(...args: unknown[]) {
      client.calls.push(['eval', ...args]);
      return client.reply(args);
    },
  };
  return client as unknown as RedisClient & typeof client;
}

describe('load-lua-commands', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gp-lua-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names commands after the file', () => {
    expect(luaCommandName('rate-limit.lua')).toBe('gpRateLimit');
    expect(luaCommandName('incr-by-with-ttl.lua')).toBe('gpIncrByWithTtl');
    expect(() => luaCommandName('Rate_Limit.lua')).toThrow(/kebab-case/);
  });

  it('reads the machine-readable header', () => {
    expect(parseLuaScript('/x/two-keys.lua', `${header(2, '-- readOnly: true')}\nreturn 1`)).toMatchObject({
      name: 'gpTwoKeys',
      numberOfKeys: 2,
      readOnly: true,
    });
    expect(parseLuaScript('zero.lua', `${header(0)}\nreturn 1`)).toMatchObject({ numberOfKeys: 0, readOnly: false });
    const dynamic = '-- many streams\n-- numberOfKeys: dynamic\n-- KEYS[1…n]  streams\n-- Returns n\nreturn 1';
    expect(parseLuaScript('many.lua', dynamic)).toMatchObject({ numberOfKeys: DYNAMIC_KEYS });
    expect(() => parseLuaScript('many.lua', dynamic.replace('KEYS[1…n]', 'KEYS'))).toThrow(/KEYS\[1…n\]/);
  });

  it('refuses scripts whose header is incomplete, or that return an unknown code', () => {
    expect(() => parseLuaScript('a.lua', '-- no header\nreturn 1')).toThrow(/numberOfKeys/);
    expect(() => parseLuaScript('a.lua', '-- numberOfKeys: 1\n-- Returns x\nreturn 1')).toThrow(/KEYS\[1\]/);
    expect(() => parseLuaScript('a.lua', '-- numberOfKeys: 0\nreturn 1')).toThrow(/Returns/);
    expect(() => parseLuaScript('a.lua', `${header(1)}\nreturn -77`)).toThrow(/-77, which is not a ScriptCode/);
    expect(() => parseLuaScript('a.lua', `${header(1)}\nif x then return -1 end\nreturn 0`)).not.toThrow();
  });

  it('the hot-store folder has its scripts, each with a complete header', () => {
    expect(readLuaScripts(HOT_STORE_LUA_DIR).map((s) => [s.name, s.numberOfKeys])).toEqual([
      ['gpIncrByWithTtl', 1],
      ['gpRateLimit', 1],
    ]);
  });

  it('registers every script of a folder once, and refuses a clash between folders', () => {
    writeFileSync(join(dir, 'take-one.lua'), `${header(2)}\nreturn 1`);
    writeFileSync(join(dir, 'notes.txt'), 'not a script');
    const client = fakeClient();
    loadLuaCommands(client, dir);
    loadLuaCommands(client, dir);
    expect(loadedLuaScripts(client).map((s) => [s.name, s.numberOfKeys, s.readOnly])).toEqual([['gpTakeOne', 2, false]]);

    const other = mkdtempSync(join(tmpdir(), 'gp-lua-'));
    try {
      writeFileSync(join(other, 'take-one.lua'), `${header(2)}\nreturn 2`);
      expect(() => loadLuaCommands(client, other)).toThrow(/gpTakeOne .* clashes with/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('runLua checks the key count and the shared tag before sending', async () => {
    writeFileSync(join(dir, 'take-one.lua'), `${header(2)}\nreturn 1`);
    const client = fakeClient();
    loadLuaCommands(client, dir);
    await runLua(client, 'gpTakeOne', ['q:{a}:x', 'q:{a}:y'], ['v', 3]);
    const [script] = loadedLuaScripts(client);
    expect(client.calls).toEqual([['evalsha', script.sha, 2, 'q:{a}:x', 'q:{a}:y', 'v', 3]]);
    // A node without the script (restarted, flushed, promoted) answers NOSCRIPT: sent again as EVAL.
    client.calls.length = 0;
    client.reply = (args) => (client.calls.length === 1 ? Promise.reject(new Error('NOSCRIPT No matching script.')) : Promise.resolve(args.length));
    expect(await runLua(client, 'gpTakeOne', ['q:{a}:x', 'q:{a}:y'], ['v'])).toBe(5);
    expect(client.calls.map((c) => c[0])).toEqual(['evalsha', 'eval']);
    expect(client.calls[1][1]).toBe(script.lua);
    expect(() => runLua(client, 'gpTakeOne', ['q:{a}:x'])).toThrow(TypeError);
    expect(() => runLua(client, 'gpTakeOne', ['q:{a}:x', 'q:{b}:y'])).toThrow(/share a hash tag/);
    expect(() => runLua(client, 'gpMissing', [])).toThrow(/not loaded/);
  });

  it('runLuaChecked turns misuse into a 500 AppError and codes into their AppError', async () => {
    writeFileSync(join(dir, 'take-one.lua'), `${header(2)}\nreturn 1`);
    const client = fakeClient();
    loadLuaCommands(client, dir);
    await expect(runLuaChecked(client, 'gpTakeOne', ['q:{a}:x', 'q:{b}:y'])).rejects.toMatchObject({
      status: 500,
      code: 'INTERNAL',
    });
    expect(await runLuaChecked(client, 'gpTakeOne', ['q:{a}:x', 'q:{a}:y'], ['v'])).toBe(5);
    client.reply = () => Promise.resolve(-1);
    await expect(runLuaChecked(client, 'gpTakeOne', ['q:{a}:x', 'q:{a}:y'])).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
  });
});

describe('withFragments', () => {
  it('puts a fragment of the folder in place of its include line, and refuses nested includes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govpass-lua-'));
    mkdirSync(join(dir, 'fragments'));
    writeFileSync(join(dir, 'fragments', 'checks.lua'), '-- fragment\nlocal function check() return nil end\n');
    writeFileSync(join(dir, 'fragments', 'nested.lua'), '-- include: checks.lua\n');
    expect(withFragments(dir, 'a.lua', 'local X = 1\n-- include: checks.lua\nreturn check() or {0}\n')).toBe('local X = 1\n-- fragment\nlocal function check() return nil end\nreturn check() or {0}\n');
    expect(() => withFragments(dir, 'b.lua', '-- include: nested.lua\n')).toThrow(/may not include another/);
    rmSync(dir, { recursive: true, force: true });
  });
});
