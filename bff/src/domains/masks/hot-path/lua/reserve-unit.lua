-- Cluster saga, step 2 (pharmacy shard slot): takes one unit and appends the booking to the
-- shard's outbox in the same atomic step, so a taken unit is never without its durable record.
-- A missing counter is refused (COUNTERS_MISSING → 503), never treated as zero or as full.
--
-- numberOfKeys: 3
-- KEYS[1]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- KEYS[2]  shard outbox stream    mq:{shard}:outbox
-- KEYS[3]  short-code sequence    mq:{shard}:short-seq:<pharmacy>:<pickup day>
-- ARGV[1]  reservation JSON
-- ARGV[2]  short-code sequence expiry, epoch ms (set when the day's sequence starts)
-- Returns  {0, remaining, shortSeq} taken | {COUNTERS_MISSING} | {SOLD_OUT}
local SOLD_OUT = -100
local COUNTERS_MISSING = -103

local left = redis.call('GET', KEYS[1])
if not left then return {COUNTERS_MISSING} end
if tonumber(left) <= 0 then return {SOLD_OUT} end
local remaining = redis.call('DECR', KEYS[1])
-- short code (取货码): the pharmacy × day's next number, appended to the JSON as its last member
local shortSeq = redis.call('INCR', KEYS[3])
if shortSeq == 1 then redis.call('PEXPIREAT', KEYS[3], ARGV[2]) end
local res = string.sub(ARGV[1], 1, -2) .. ',"shortSeq":' .. shortSeq .. '}'
-- hold=pending tells the consumer that this booking's hold may still need confirming.
redis.call('XADD', KEYS[2], '*', 'res', res, 'hold', 'pending', 'rem', remaining)
return {0, remaining, shortSeq}
