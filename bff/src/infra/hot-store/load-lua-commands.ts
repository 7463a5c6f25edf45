import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from '../redis/create-redis-client';
import { withRedisRetry } from '../redis/redis-retry';
import { assertOneSlot } from './keys';
import { toHotStoreError } from './hot-store-errors';
import { checkScriptReply, isScriptCode } from './script-codes';

/**
 * Lua scripts live one per file in a folder; each file starts with a comment header:
 *
 *   -- What it does and why.
 *   -- numberOfKeys: 2          (required, machine-read)
 *   -- readOnly: true           (optional, machine-read: the script writes nothing, so it is idempotent)
 *   -- idempotent: true         (optional, machine-read: running it twice = running it once;
 *                                say why on the next line. runLua then repeats it also after a
 *                                failure that may have run it, e.g. a connection lost mid-call)
 *   -- KEYS[1] …  KEYS[2] …     (one line per key, checked)
 *   -- ARGV[1] …
 *   -- Returns …                (checked)
 *
 * A script failing in a domain sense returns a negative ScriptCode (script-codes.ts); a literal
 * `return -N` that is not one fails the load.
 *
 * `loadLuaCommands(client, dir)` registers every `*.lua` of a folder for the client, named after the
 * file: rate-limit.lua → gpRateLimit. runLua (and luaCommand) send EVALSHA and, on NOSCRIPT (a node
 * restarted, flushed its script cache or was promoted), EVAL with the source, which loads it there.
 * Not ioredis `defineCommand`: ioredis copies every defined command onto every pipeline it creates,
 * and with auto-pipelining that is one per round trip — with 29 scripts ≈ 14 µs of CPU each time
 * (docs/benchmarks.md, "Service hall queue benchmark", seventh session).
 *
 * Another domain with its own folder:
 *
 *   loadLuaCommands(client, join(__dirname, 'lua'));          // e.g. reserve-mask.lua → gpReserveMask
 *   const k = quotaKeys(pharmacyId, day);                     // from keys.ts, one hash tag
 *   const left = await runLuaChecked(client, 'gpReserveMask', [k.stock, k.booked], [citizen]);
 */
export interface LuaScript {
  /** Command name on the client, e.g. gpRateLimit. */
  name: string;
  file: string;
  lua: string;
  /** DYNAMIC_KEYS for `numberOfKeys: dynamic`. */
  numberOfKeys: number;
  readOnly: boolean;
  /** Header `idempotent: true` (or readOnly): safe to repeat after a failure that may have run it. */
  idempotent: boolean;
  /** SHA-1 of `lua`, what EVALSHA names it by. */
  sha: string;
}

export const LUA_COMMAND_PREFIX = 'gp';

/**
 * `numberOfKeys: dynamic`: the caller passes the key count first. Such a script's keys span slots
 * by design (standalone Redis only); runLua refuses it, its one caller sends it directly.
 */
export const DYNAMIC_KEYS = -1;

/** rate-limit.lua → gpRateLimit */
export function luaCommandName(fileName: string): string {
  const m = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.lua$/.exec(fileName);
  if (!m) throw new Error(`Lua file name "${fileName}" must be kebab-case and end in .lua`);
  const words = m[1].split('-').map((w) => w[0].toUpperCase() + w.slice(1));
  return LUA_COMMAND_PREFIX + words.join('');
}

function headerOf(lua: string): string[] {
  const lines = lua.split('\n');
  const end = lines.findIndex((l) => !l.trimStart().startsWith('--'));
  return lines.slice(0, end === -1 ? lines.length : end).map((l) => l.replace(/^\s*--\s?/, ''));
}

function headerValue(header: string[], field: string): string | undefined {
  const re = new RegExp(`^${field}:\\s*(\\S+)\\s*$`);
  for (const line of header) {
    const m = re.exec(line.trim());
    if (m) return m[1];
  }
  return undefined;
}

/** Reads and checks the header of one script. */
export function parseLuaScript(file: string, lua: string): LuaScript {
  const fail = (why: string) => new Error(`Lua script ${file}: ${why}`);
  const header = headerOf(lua);
  const keysValue = headerValue(header, 'numberOfKeys');
  const numberOfKeys = keysValue === 'dynamic' ? DYNAMIC_KEYS : Number(keysValue);
  if (keysValue === undefined || !Number.isInteger(numberOfKeys) || (numberOfKeys < 0 && numberOfKeys !== DYNAMIC_KEYS)) {
    throw fail('header needs a "-- numberOfKeys: N" (or "dynamic") line');
  }
  if (numberOfKeys === DYNAMIC_KEYS && !header.some((l) => l.trimStart().startsWith('KEYS[1…n]'))) throw fail('header does not describe KEYS[1…n]');
  for (let i = 1; i <= numberOfKeys; i++) {
    if (!header.some((l) => l.trimStart().startsWith(`KEYS[${i}]`))) throw fail(`header does not describe KEYS[${i}]`);
  }
  if (!header.some((l) => /^Returns\b/.test(l.trimStart()))) throw fail('header needs a "-- Returns …" line');
  const readOnly = headerValue(header, 'readOnly');
  if (readOnly !== undefined && readOnly !== 'true' && readOnly !== 'false') throw fail('readOnly must be true or false');
  const idempotent = headerValue(header, 'idempotent');
  if (idempotent !== undefined && idempotent !== 'true' && idempotent !== 'false') throw fail('idempotent must be true or false');
  for (const m of lua.matchAll(/\breturn\s+(-\d+)\b/g)) {
    if (!isScriptCode(Number(m[1]))) throw fail(`returns ${m[1]}, which is not a ScriptCode (script-codes.ts)`);
  }
  const name = luaCommandName(file.split(/[\\/]/).pop() ?? file);
  return { name, file, lua, numberOfKeys, readOnly: readOnly === 'true', idempotent: idempotent === 'true' || readOnly === 'true', sha: createHash('sha1').update(lua).digest('hex') };
}

/** Every `*.lua` of a folder, its fragments included, parsed and checked, sorted by file name. */
export function readLuaScripts(dir: string): LuaScript[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.lua'))
    .sort()
    .map((f) => parseLuaScript(join(dir, f), withFragments(dir, f, readFileSync(join(dir, f), 'utf8'))));
}

const INCLUDE = /^--\s*include:\s*(\S+\.lua)\s*$/gm;

/**
 * A line `-- include: person-checks.lua` in a script's body is replaced by `fragments/person-checks.lua`
 * of the same folder, so that checks several scripts make in the same order are written once
 * (Redis runs one self-contained script; there is no require). Fragments are not commands
 * themselves and include nothing; what they return is checked with the script's codes.
 */
export function withFragments(dir: string, file: string, lua: string): string {
  return lua.replace(INCLUDE, (_, name: string) => {
    const fragment = readFileSync(join(dir, 'fragments', name), 'utf8');
    if (/^--\s*include:/m.test(fragment)) throw new Error(`Lua fragment ${name} (included by ${file}) may not include another`);
    return fragment.trimEnd();
  });
}

/** Scripts registered per client, to check calls and refuse two folders claiming one name. */
const registry = new WeakMap<RedisClient, Map<string, LuaScript>>();

function registeredOn(client: RedisClient): Map<string, LuaScript> {
  let scripts = registry.get(client);
  if (!scripts) {
    scripts = new Map();
    registry.set(client, scripts);
  }
  return scripts;
}

/**
 * Registers every script of `dir` on the client (synchronous file reads: call it at start-up).
 * Loading the same folder twice is harmless; a different script under an existing name throws.
 */
export function loadLuaCommands(client: RedisClient, dir: string): LuaScript[] {
  const scripts = readLuaScripts(dir);
  const known = registeredOn(client);
  for (const s of scripts) {
    const prior = known.get(s.name);
    if (prior && prior.lua !== s.lua) throw new Error(`Lua command ${s.name} from ${s.file} clashes with ${prior.file}`);
    if (prior) continue;
    known.set(s.name, s);
  }
  return scripts;
}

/** Scripts loaded on this client so far. */
export function loadedLuaScripts(client: RedisClient): LuaScript[] {
  return [...registeredOn(client).values()];
}

/**
 * EVALSHA, then EVAL when the node does not have the script: NOSCRIPT means nothing ran, so sending
 * the source runs it once (and loads it on that node again). Built-in commands, so auto-pipelined
 * like any other.
 */
function send(client: RedisClient, script: LuaScript, numberOfKeys: number, keysAndArgs: readonly (string | number)[]): Promise<unknown> {
  return client.evalsha(script.sha, numberOfKeys, ...keysAndArgs).catch((err: unknown) => {
    if (!isNoScript(err)) throw err;
    return client.eval(script.lua, numberOfKeys, ...keysAndArgs);
  });
}

function scriptOn(client: RedisClient, name: string): LuaScript {
  const script = registeredOn(client).get(name);
  if (!script) throw new TypeError(`Lua command ${name} is not loaded on this client (loadLuaCommands first)`);
  return script;
}

/**
 * Runs a loaded script. Checks the key count (Redis would silently take an extra key for an
 * ARGV) and that all keys share one hash tag, so CROSSSLOT bugs fail on standalone Redis too.
 * Cluster transitions are retried here, once for every domain (infra/redis/redis-retry): a reply
 * that says the script did not run (MOVED, TRYAGAIN, CLUSTERDOWN, LOADING …) is always sent
 * again; a failure that may have run it only for a script whose header says `idempotent: true`.
 */
export function runLua<T = unknown>(
  client: RedisClient,
  name: string,
  keys: readonly string[],
  args: readonly (string | number)[] = [],
): Promise<T> {
  const script = scriptOn(client, name);
  if (script.numberOfKeys === DYNAMIC_KEYS) throw new TypeError(`Lua command ${name} spans slots (numberOfKeys: dynamic); runLua runs one-slot scripts only`);
  if (keys.length !== script.numberOfKeys) {
    throw new TypeError(`Lua command ${name} takes ${script.numberOfKeys} keys, got ${keys.length}`);
  }
  assertOneSlot(keys);
  return withRedisRetry(client, () => send(client, script, keys.length, [...keys, ...args]) as Promise<T>, { idempotent: script.idempotent });
}

/**
 * A loaded script as a function, for the few sent outside runLua because their keys span slots
 * (standalone Redis only): keys then arguments, as the header lists them; a `numberOfKeys: dynamic`
 * script takes the key count first. No retry: the caller decides what may be repeated.
 */
export function luaCommand<T = unknown>(client: RedisClient, name: string): (...keysAndArgs: (string | number)[]) => Promise<T> {
  const script = scriptOn(client, name);
  return (...a) => (script.numberOfKeys === DYNAMIC_KEYS ? send(client, script, Number(a[0]), a.slice(1)) : send(client, script, script.numberOfKeys, a)) as Promise<T>;
}

function isNoScript(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('NOSCRIPT');
}

/**
 * runLua for a script that follows the ScriptCode convention, with every failure as an AppError:
 * its non-negative result, or the code's AppError, 503 for an outage, 500 for a bug.
 */
export async function runLuaChecked(
  client: RedisClient,
  name: string,
  keys: readonly string[],
  args: readonly (string | number)[] = [],
): Promise<number> {
  let reply: number;
  try {
    reply = await runLua<number>(client, name, keys, args);
  } catch (err) {
    throw toHotStoreError(err);
  }
  return checkScriptReply(reply);
}
