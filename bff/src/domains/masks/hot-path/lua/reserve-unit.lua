-- Cluster saga, step 2 (pharmacy shard slot): takes one unit and appends the booking to the
-- shard's outbox in the same atomic step, so a taken unit is never without its durable record.
-- A missing counter is refused (COUNTERS_MISSING → 503), never treated as zero or as full.
--
-- numberOfKeys: 3
-- KEYS[1]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- KEYS[2]  shard outbox stream    mq:{shard}:outbox
-- KEYS[3]  round closed marker    mq:{shard}:closed:<round>  epoch ms (absent while the round runs)
-- ARGV[1]  reservation JSON
-- Returns  {0, remaining} taken | {ROUND_CLOSED, closedAt ms} | {COUNTERS_MISSING} | {SOLD_OUT}
local SOLD_OUT = -100
local COUNTERS_MISSING = -103
local ROUND_CLOSED = -130

local closedAt = redis.call('GET', KEYS[3])
if closedAt then return {ROUND_CLOSED, tonumber(closedAt)} end
local left = redis.call('GET', KEYS[1])
if not left then return {COUNTERS_MISSING} end
if tonumber(left) <= 0 then return {SOLD_OUT} end
local remaining = redis.call('DECR', KEYS[1])
-- hold=pending tells the consumer that this booking's hold may still need confirming.
redis.call('XADD', KEYS[2], '*', 'res', ARGV[1], 'hold', 'pending', 'rem', remaining)
return {0, remaining}
