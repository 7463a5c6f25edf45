-- The whole first-come booking decision in ONE atomic step, for standalone Redis only (its keys
-- span a session, two rate-limit windows, a person group and a pharmacy shard, which a Cluster
-- cannot run in one script; the Cluster runs hold-person → reserve-unit → confirm-hold instead).
-- With a gate (ARGV[6] ~= ''), the session and both rate limits are checked here too, so that a
-- booking costs the BFF one round trip instead of four. Order of checks: session, per-IP then
-- per-account limit (a refused hit counts, as in rate-limit.lua), idempotent replay, repeat
-- period, existing hold, round not closed, counter present, units left; then decrement, outbox entry, active hold
-- and idempotency record together, so an answered booking is always in the outbox and a refused
-- one changed nothing but the rate-limit counts.
-- standaloneOnly: true (not machine-read; RedisMaskHotPath never sends it to a Cluster)
--
-- numberOfKeys: 10
-- KEYS[1]  person hold            mp:{person}:hold          pending:<id> | active:<id> | done:<id>
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until  epoch ms
-- KEYS[3]  idempotency record     mp:{person}:idem:…  (hash st, fp, id, res, rem), or no-idem
-- KEYS[4]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- KEYS[5]  shard outbox stream    mq:{shard}:outbox
-- KEYS[6]  session record         sess:{token hash}  (JSON; without a gate: unused, any key)
-- KEYS[7]  per-IP window          rl:{scope:ip}      (without a gate: unused)
-- KEYS[8]  per-account window     rl:{scope:account} (without a gate: unused)
-- KEYS[9]  short-code sequence    mq:{shard}:short-seq:<pharmacy>:<pickup day>  (same slot as KEYS[4])
-- KEYS[10] round closed marker    mq:{shard}:closed:<round>  epoch ms (absent while the round runs)
-- ARGV[1]  reservation id
-- ARGV[2]  now, epoch ms (repeat period)
-- ARGV[3]  request fingerprint; '' when the request has no Idempotency-Key
-- ARGV[4]  reservation JSON (outbox entry and replay answer)
-- ARGV[5]  idempotency record ttl, ms
-- ARGV[6]  gate: the person id the session must name; '' = no gate (caller authenticated already)
-- ARGV[7]  per-IP limit        ARGV[8]  its window, ms
-- ARGV[9]  per-account limit   ARGV[10] its window, ms
-- ARGV[11] short-code sequence expiry, epoch ms (set when the day's sequence starts)
-- Returns  {0, remaining, session, shortSeq} booked | {1, reservation JSON, remaining, session} replay |
--          {UNAUTHENTICATED} | {RATE_LIMITED, ms until the window resets} |
--          {REPEAT_PERIOD, availableFrom ms} | {ALREADY_RESERVED} | {ROUND_CLOSED, closedAt ms} | {COUNTERS_MISSING} |
--          {SOLD_OUT} | {IDEMPOTENCY_CONFLICT}   (codes: mask-script-codes.ts; session is the
--          session JSON with a gate, else '')
local SOLD_OUT = -100
local ALREADY_RESERVED = -101
local REPEAT_PERIOD = -102
local COUNTERS_MISSING = -103
local IDEMPOTENCY_CONFLICT = -104
local UNAUTHENTICATED = -106
local RATE_LIMITED = -107
-- Never answered here (book-single writes only decided records); the fragment names it.
local IN_PROGRESS = -105

-- include: person-checks.lua
local ROUND_CLOSED = -130

-- One hit of a fixed window, exactly as rate-limit.lua counts it; returns ms until reset when over.
local function overLimit(key, limit, windowMs)
  local count = redis.call('INCR', key)
  local pttl = redis.call('PTTL', key)
  if count == 1 or pttl < 0 then
    redis.call('PEXPIRE', key, windowMs)
    pttl = tonumber(windowMs)
  end
  if count > tonumber(limit) then return pttl end
  return nil
end

local session = ''
if ARGV[6] ~= '' then
  session = redis.call('GET', KEYS[6])
  -- The token's claim must match the record it hashes to (a session without a person never does).
  if not session or not string.find(session, '"personId":"' .. ARGV[6] .. '"', 1, true) then
    return {UNAUTHENTICATED}
  end
  local wait = overLimit(KEYS[7], ARGV[7], ARGV[8])
  if wait then return {RATE_LIMITED, wait} end
  wait = overLimit(KEYS[8], ARGV[9], ARGV[10])
  if wait then return {RATE_LIMITED, wait} end
end

local id, fp = ARGV[1], ARGV[3]
local refused = personChecks(KEYS[1], KEYS[2], KEYS[3], ARGV[2], fp)
if refused and refused[1] == 1 then return {1, refused[2], refused[3], session} end
if refused then return refused end

-- Closed by an administrator: refused from the instant the marker was written, whatever the
-- BFF's round cache still says.
local closedAt = redis.call('GET', KEYS[10])
if closedAt then return {ROUND_CLOSED, tonumber(closedAt)} end

local left = redis.call('GET', KEYS[4])
if not left then return {COUNTERS_MISSING} end
if tonumber(left) <= 0 then return {SOLD_OUT} end

local remaining = redis.call('DECR', KEYS[4])
-- short code (取货码): the pharmacy × day's next number, appended to the JSON as its last member
local shortSeq = redis.call('INCR', KEYS[9])
if shortSeq == 1 then redis.call('PEXPIREAT', KEYS[9], ARGV[11]) end
local res = string.sub(ARGV[4], 1, -2) .. ',"shortSeq":' .. shortSeq .. '}'
redis.call('XADD', KEYS[5], '*', 'res', res, 'hold', 'active', 'rem', remaining)
redis.call('SET', KEYS[1], 'active:' .. id)
if fp ~= '' then
  redis.call('HSET', KEYS[3], 'st', 'c', 'fp', fp, 'id', id, 'res', res, 'rem', remaining)
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
return {0, remaining, session, shortSeq}
