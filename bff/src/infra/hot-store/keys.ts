/**
 * The one module where hot-store keys are built. Nothing else writes a key string by hand.
 *
 * Tagging rule (Redis Cluster hashes only the part between the first `{` and the next `}`):
 *
 *   <kind>:{<tag>}            one key per tag, e.g.  rl:{login:1.2.3.4}
 *   <kind>:{<tag>}:<field>    several keys one script touches together, same tag, one field each
 *
 * - Every key has exactly one tag, and the tag is the smallest unit one script needs atomically
 *   (one session, one rate-limit subject, one pharmacy-day quota …). Keys a single Lua script
 *   touches must come from the same `keyGroup(kind, …tagParts)`, so they share a slot by
 *   construction; `assertOneSlot` checks it before a script is sent (also on standalone Redis and
 *   in development, so a CROSSSLOT bug shows up long before a cluster does).
 * - Never put a whole feature under one tag (e.g. a per-day tag for everything): that sends all of
 *   its traffic to one master.
 * - Parts are escaped (`%`, `{`, `}`, `:`), so user-supplied input (an Idempotency-Key header, an
 *   IP) can neither open a second tag nor make two different (scope, subject) pairs collide.
 * - The configured `storage.redisKeyPrefix` is prepended by ioredis, outside this module; it must
 *   not contain braces (checked in create-redis-client), or it would become everyone's tag.
 *
 * Later domains add their key functions here, built on `taggedKey` / `keyGroup`.
 */

const ESCAPES: Record<string, string> = { '%': '%25', '{': '%7B', '}': '%7D', ':': '%3A' };

/** Escapes one key part; empty parts are refused because they make keys ambiguous. */
const SPECIAL = /[%{}:]/;

export function keyPart(value: string | number): string {
  const s = String(value);
  if (s.length === 0) throw new TypeError('hot-store key parts must not be empty');
  // Ids rarely need escaping; the test is several times cheaper than a replace with a callback.
  return SPECIAL.test(s) ? s.replace(/[%{}:]/g, (c) => ESCAPES[c]) : s;
}

function kindPart(kind: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new TypeError(`invalid hot-store key kind "${kind}"`);
  return kind;
}

/** `<kind>:{<tag parts>}` plus an optional `:<field>`. */
export function taggedKey(kind: string, tagParts: readonly (string | number)[], field?: string): string {
  if (tagParts.length === 0) throw new TypeError('a hot-store key needs at least one tag part');
  const base = `${kindPart(kind)}:{${tagParts.map(keyPart).join(':')}}`;
  return field === undefined ? base : `${base}:${keyPart(field)}`;
}

/** Builder for the keys one script touches together: same kind, same tag, one field per key. */
export function keyGroup(kind: string, ...tagParts: (string | number)[]): (field: string) => string {
  taggedKey(kind, tagParts); // validate eagerly
  return (field) => taggedKey(kind, tagParts, field);
}

/** A session record, by the hash of its bearer token (never the token itself). */
export function sessionKey(tokenHash: string): string {
  return taggedKey('sess', [tokenHash]);
}

/** A fixed-window rate-limit counter, e.g. rateLimitKey('login-ip', '203.0.113.7'). */
export function rateLimitKey(scope: string, subject: string): string {
  return taggedKey('rl', [scope, subject]);
}

/** An idempotency record: one client-supplied key, per scope (route) and subject (account). */
export function idempotencyKey(scope: string, subject: string, key: string): string {
  return taggedKey('idem', [scope, subject, key]);
}

/** A named counter. */
export function counterKey(name: string): string {
  return taggedKey('ctr', [name]);
}

/**
 * The part of a key Redis Cluster hashes: the text between the first `{` and the next `}` when
 * that is non-empty, else the whole key (the rule of CLUSTER KEYSLOT).
 */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

/** Throws when the keys could land on different Cluster slots (i.e. do not share one hash tag). */
export function assertOneSlot(keys: readonly string[]): void {
  if (keys.length < 2) return;
  const tag = hashTagOf(keys[0]);
  const stray = keys.find((k) => hashTagOf(k) !== tag);
  if (stray !== undefined) {
    throw new TypeError(
      `keys of one script must share a hash tag (CROSSSLOT on Redis Cluster): "${keys[0]}" vs "${stray}"`,
    );
  }
}

/** The person behind a live personal code's ref (hex), tagged per ref. */
export function personOfCodeRefKey(refHex: string): string {
  return taggedKey('pc-ref', [refHex]);
}

/** A person's live personal-code ref (hex), tagged per person. */
export function codeRefOfPersonKey(personId: string): string {
  return taggedKey('pc-person', [personId]);
}

/** A person's computed health status (the durable copy is MySQL's health_status). */
export function healthStatusKey(personId: string): string {
  return taggedKey('hs', [personId]);
}

/**
 * One appointment slot's counters (hall × service × day × start minute), one tag per slot so a
 * burst on one slot lands on one master and different slots spread: `taken` (places held) and
 * `holders` (the persons holding them). The durable copy is MySQL's appointments.
 */
export function appointmentSlotKeys(hallId: string, serviceId: string, date: string, startMinute: number): { taken: string; holders: string } {
  const k = keyGroup('appt-slot', hallId, serviceId, date, startMinute);
  return { taken: k('taken'), holders: k('holders') };
}

/**
 * Who may have an appointment at a hall on a day (appointments/arrival-index.ts): a hash of person
 * ids, marked before each appointment row is written, and "*" saying whether it is complete. One
 * tag per hall-day, as the hall's queue.
 */
export function appointmentArrivalsKey(hallId: string, date: string): string {
  return taggedKey('appt-arrivals', [hallId, date]);
}

/**
 * A person's booking in progress for one day (set-if-absent, short ttl): one person's concurrent
 * bookings of one day run one at a time, so a second one never holds a slot's place while MySQL
 * refuses it. Its own tag: it is never in one script with a slot's keys.
 */
export function appointmentPersonDayKey(personId: string, date: string): string {
  return taggedKey('appt-person', [personId, date]);
}
