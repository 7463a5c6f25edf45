-- Cluster saga, step 1 (person slot): the person-side checks of a booking, and a short-lived
-- PENDING hold that makes concurrent bookings of the same person refuse (ALREADY_RESERVED) before
-- they touch any quota. The pending hold (and a pending idempotency record) expire by themselves
-- if the BFF dies before reserve-unit; after reserve-unit, confirm-hold (BFF) or the outbox
-- consumer makes the hold active.
--
-- numberOfKeys: 3
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until
-- KEYS[3]  idempotency record     mp:{person}:idem:…, or no-idem
-- ARGV[1]  reservation id
-- ARGV[2]  now, epoch ms
-- ARGV[3]  request fingerprint; '' without Idempotency-Key
-- ARGV[4]  reservation JSON
-- ARGV[5]  pending ttl, ms
-- Returns  {0} held | {1, reservation JSON, remaining} replay | {IN_PROGRESS} (same key, not yet
--          decided) | {REPEAT_PERIOD, availableFrom ms} | {ALREADY_RESERVED} | {IDEMPOTENCY_CONFLICT}
local ALREADY_RESERVED = -101
local REPEAT_PERIOD = -102
local IDEMPOTENCY_CONFLICT = -104
local IN_PROGRESS = -105

local id, fp = ARGV[1], ARGV[3]
if fp ~= '' then
  local rec = redis.call('HMGET', KEYS[3], 'fp', 'st', 'res', 'rem')
  if rec[1] then
    if rec[1] ~= fp then return {IDEMPOTENCY_CONFLICT} end
    if rec[2] ~= 'c' then return {IN_PROGRESS} end
    return {1, rec[3], tonumber(rec[4])}
  end
end

local repeatUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if repeatUntil > tonumber(ARGV[2]) then return {REPEAT_PERIOD, repeatUntil} end

local hold = redis.call('GET', KEYS[1])
if hold and string.sub(hold, 1, 5) ~= 'done:' then return {ALREADY_RESERVED} end

redis.call('SET', KEYS[1], 'pending:' .. id, 'PX', ARGV[5])
if fp ~= '' then
  redis.call('HSET', KEYS[3], 'st', 'p', 'fp', fp, 'id', id, 'res', ARGV[4])
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
return {0}
