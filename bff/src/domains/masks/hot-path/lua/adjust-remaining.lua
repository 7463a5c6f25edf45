-- Adds units to (or takes them from) a live pharmacy counter atomically (pharmacy shard slot): a
-- cancelled or MySQL-refused reservation gives its unit back (+1), an admin quota change or a
-- roll-over into an open round adds its difference. Read-then-SET from the BFF would overwrite
-- the bookings made in between. Only a counter that exists is touched: INCR on a missing one would
-- create a counter that means nothing and let bookings run against it; the rebuild counts the
-- change from MySQL instead. Never goes below 0 (the rebuild clamps the same way).
--
-- numberOfKeys: 1
-- KEYS[1]  pharmacy counter       mq:{shard}:remaining:<round>:<pharmacy>
-- ARGV[1]  delta (integer, may be negative)
-- Returns  {1, remaining} adjusted | {0} counter missing, nothing done
local left = redis.call('GET', KEYS[1])
if not left then return {0} end
local remaining = tonumber(left) + tonumber(ARGV[1])
if remaining < 0 then remaining = 0 end
redis.call('SET', KEYS[1], remaining)
return {1, remaining}
