-- Cluster saga, step 2 (pharmacy shard slot): takes one unit and appends the booking to the
-- shard's outbox in the same atomic step, so a taken unit is never without its durable record.
-- A missing counter is refused (COUNTERS_MISSING → 503), never treated as zero or as full.
-- Idempotent per reservation: KEYS[3] remembers that this reservation took its unit (the
-- remaining count right after), so a resumed attempt (same Idempotency-Key, lease lapsed) or a
-- retried call never takes a second unit; fence-unit.lua marks it 'x' instead when another
-- attempt took the person's hold over, and then this reservation can no longer take a unit.
--
-- numberOfKeys: 3
-- KEYS[1]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- KEYS[2]  shard outbox stream    mq:{shard}:outbox
-- KEYS[3]  unit mark              mq:{shard}:unit:<reservation id>   remaining | 'x' (fenced)
-- ARGV[1]  reservation JSON
-- ARGV[2]  unit mark ttl, ms (outlives every pending hold and lease)
-- Returns  {0, remaining} taken (now or earlier) | {COUNTERS_MISSING} | {SOLD_OUT} | {UNIT_FENCED}
local SOLD_OUT = -100
local COUNTERS_MISSING = -103
local UNIT_FENCED = -109

local mark = redis.call('GET', KEYS[3])
if mark == 'x' then return {UNIT_FENCED} end
if mark then return {0, tonumber(mark)} end

local left = redis.call('GET', KEYS[1])
if not left then return {COUNTERS_MISSING} end
if tonumber(left) <= 0 then return {SOLD_OUT} end
local remaining = redis.call('DECR', KEYS[1])
-- hold=pending tells the consumer that this booking's hold may still need confirming.
redis.call('XADD', KEYS[2], '*', 'res', ARGV[1], 'hold', 'pending', 'rem', remaining)
redis.call('SET', KEYS[3], remaining, 'PX', ARGV[2])
return {0, remaining}
