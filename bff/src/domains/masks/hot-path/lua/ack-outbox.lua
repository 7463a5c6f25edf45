-- The consumer wrote these entries to MySQL: acknowledge them and delete them from the stream in
-- one step, so the outbox holds only what is not yet durable in MySQL (no MAXLEN trimming, which
-- could drop unconsumed bookings). Only one consumer group reads the outbox, so deleting is safe.
--
-- numberOfKeys: 1
-- idempotent: true
-- (XACK and XDEL of ids already gone change nothing)
-- KEYS[1]  shard outbox stream    mq:{shard}:outbox
-- ARGV[1]  consumer group
-- ARGV[2…] entry ids
-- Returns  number of entries acknowledged
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then return 0 end
local acked = redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
redis.call('XDEL', KEYS[1], unpack(ids))
return acked
