-- Cluster saga, step 2 (pharmacy shard slot): takes one unit and appends the booking to the
-- shard's outbox in the same atomic step, so a taken unit is never without its durable record.
-- A missing counter is refused (COUNTERS_MISSING → 503), never treated as zero or as full.
-- Idempotent per reservation: KEYS[3] remembers that this reservation took its unit (the
-- remaining count right after, and its short-code number), so a resumed attempt (same
-- Idempotency-Key, lease lapsed) or a retried call never takes a second unit nor a second short
-- code; fence-unit.lua marks it 'x' instead when another attempt took the person's hold over,
-- and then this reservation can no longer take a unit.
--
-- numberOfKeys: 5
-- KEYS[1]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- KEYS[2]  shard outbox stream    mq:{shard}:outbox
-- KEYS[3]  unit mark              mq:{shard}:unit:<reservation id>   '<remaining>:<shortSeq>' | 'x' (fenced)
-- KEYS[4]  short-code sequence    mq:{shard}:short-seq:<pharmacy>:<pickup day>
-- KEYS[5]  round closed marker    mq:{shard}:closed:<round>  epoch ms (absent while the round runs)
-- ARGV[1]  reservation JSON
-- ARGV[2]  unit mark ttl, ms (outlives every pending hold and lease)
-- ARGV[3]  short-code sequence expiry, epoch ms (set when the day's sequence starts)
-- Returns  {0, remaining, shortSeq} taken (now or earlier) | {ROUND_CLOSED, closedAt ms} | {COUNTERS_MISSING} | {SOLD_OUT} | {UNIT_FENCED}
local SOLD_OUT = -100
local COUNTERS_MISSING = -103
local UNIT_FENCED = -109
local ROUND_CLOSED = -130

local mark = redis.call('GET', KEYS[3])
if mark == 'x' then return {UNIT_FENCED} end
if mark then
  local rem, seq = string.match(mark, '^(-?%d+):(%d+)$')
  return {0, tonumber(rem), tonumber(seq)}
end

-- A unit already taken stands (above); a new one is never taken once the round was closed.
local closedAt = redis.call('GET', KEYS[5])
if closedAt then return {ROUND_CLOSED, tonumber(closedAt)} end
local left = redis.call('GET', KEYS[1])
if not left then return {COUNTERS_MISSING} end
if tonumber(left) <= 0 then return {SOLD_OUT} end
local remaining = redis.call('DECR', KEYS[1])
-- short code (取货码): the pharmacy × day's next number, appended to the JSON as its last member
local shortSeq = redis.call('INCR', KEYS[4])
if shortSeq == 1 then redis.call('PEXPIREAT', KEYS[4], ARGV[3]) end
local res = string.sub(ARGV[1], 1, -2) .. ',"shortSeq":' .. shortSeq .. '}'
-- hold=pending tells the consumer that this booking's hold may still need confirming.
redis.call('XADD', KEYS[2], '*', 'res', res, 'hold', 'pending', 'rem', remaining)
redis.call('SET', KEYS[3], remaining .. ':' .. shortSeq, 'PX', ARGV[2])
return {0, remaining, shortSeq}
