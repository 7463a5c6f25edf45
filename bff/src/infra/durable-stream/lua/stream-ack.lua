-- The sink wrote these entries durably: acknowledge and delete them in one step, so a shard's stream
-- holds only what is not yet in the database (never MAXLEN-trimmed, which could drop unconsumed
-- entries). One consumer group reads a stream, so deleting is safe.
--
-- numberOfKeys: 1
-- idempotent: true
-- (XACK and XDEL of ids already gone change nothing)
-- KEYS[1]  shard stream     ds:{<name>:<shard>}:stream (or its layout's: mq:{<shard>}:outbox)
-- ARGV[1]  consumer group
-- ARGV[2…] entry ids
-- Returns  number of entries acknowledged
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then return 0 end
local acked = redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
redis.call('XDEL', KEYS[1], unpack(ids))
return acked
