-- Passes a freed place from one person to another (the first on the waitlist) without the count
-- ever dropping, so a concurrent booking cannot take it in between.
--
-- numberOfKeys: 2
-- KEYS[1]  the slot's taken counter
-- KEYS[2]  the slot's holders set, same tag
-- ARGV[1]  person giving the place up
-- ARGV[2]  person receiving it
-- Returns  1 when handed over, 0 when the slot is not loaded (a load from MySQL will count it).
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
