-- Loads a slot's counters from MySQL's live appointments when Redis has none (first use of the
-- slot, expiry, a flushed or failed-over Redis). Loads only when absent, so two processes
-- loading at once cannot overwrite places taken in between.
--
-- numberOfKeys: 2
-- KEYS[1]  the slot's taken counter
-- KEYS[2]  the slot's holders set, same tag
-- ARGV[1]  ttl in ms (the slot's end plus a margin)
-- ARGV[2…] the persons holding places, per MySQL
-- Returns  1 when loaded, 0 when the counters were there already.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2])
local count = #ARGV - 1
redis.call('SET', KEYS[1], count, 'PX', ARGV[1])
if count > 0 then
  redis.call('SADD', KEYS[2], unpack(ARGV, 2))
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
return 1
