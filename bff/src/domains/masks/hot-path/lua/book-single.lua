-- The whole first-come booking decision in ONE atomic step, for standalone Redis only (its keys
-- span a person group and a pharmacy shard, which a Cluster cannot run in one script; the
-- Cluster runs hold-person → reserve-unit → confirm-hold instead). Order of checks: idempotent
-- replay, repeat period, existing hold, counter present, units left; then decrement, outbox
-- entry, active hold and idempotency record together, so an answered booking is always in the
-- outbox and a refused one changed nothing.
-- standaloneOnly: true (not machine-read; RedisMaskHotPath never sends it to a Cluster)
--
-- numberOfKeys: 5
-- KEYS[1]  person hold            mp:{person}:hold          pending:<id> | active:<id> | done:<id>
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until  epoch ms
-- KEYS[3]  idempotency record     mp:{person}:idem:…  (hash st, fp, id, res, rem), or no-idem
-- KEYS[4]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- KEYS[5]  shard outbox stream    mq:{shard}:outbox
-- ARGV[1]  reservation id
-- ARGV[2]  now, epoch ms (repeat period)
-- ARGV[3]  request fingerprint; '' when the request has no Idempotency-Key
-- ARGV[4]  reservation JSON (outbox entry and replay answer)
-- ARGV[5]  idempotency record ttl, ms
-- Returns  {0, remaining} booked | {1, reservation JSON, remaining} replay |
--          {REPEAT_PERIOD, availableFrom ms} | {ALREADY_RESERVED} | {COUNTERS_MISSING} |
--          {SOLD_OUT} | {IDEMPOTENCY_CONFLICT}   (codes: mask-script-codes.ts)
local SOLD_OUT = -100
local ALREADY_RESERVED = -101
local REPEAT_PERIOD = -102
local COUNTERS_MISSING = -103
local IDEMPOTENCY_CONFLICT = -104

local id, fp = ARGV[1], ARGV[3]
if fp ~= '' then
  local rec = redis.call('HMGET', KEYS[3], 'fp', 'res', 'rem')
  if rec[1] then
    if rec[1] ~= fp then return {IDEMPOTENCY_CONFLICT} end
    return {1, rec[2], tonumber(rec[3])}
  end
end

local repeatUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if repeatUntil > tonumber(ARGV[2]) then return {REPEAT_PERIOD, repeatUntil} end

local hold = redis.call('GET', KEYS[1])
if hold and string.sub(hold, 1, 5) ~= 'done:' then return {ALREADY_RESERVED} end

local left = redis.call('GET', KEYS[4])
if not left then return {COUNTERS_MISSING} end
if tonumber(left) <= 0 then return {SOLD_OUT} end

local remaining = redis.call('DECR', KEYS[4])
redis.call('XADD', KEYS[5], '*', 'res', ARGV[4], 'hold', 'active', 'rem', remaining)
redis.call('SET', KEYS[1], 'active:' .. id)
if fp ~= '' then
  redis.call('HSET', KEYS[3], 'st', 'c', 'fp', fp, 'id', id, 'res', ARGV[4], 'rem', remaining)
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
return {0, remaining}
