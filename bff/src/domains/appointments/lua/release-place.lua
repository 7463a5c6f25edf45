-- Gives a person's place in a slot back (cancel, reschedule, a booking whose MySQL write failed).
-- A person without a place changes nothing, so a repeated release never frees a second place.
--
-- numberOfKeys: 2
-- KEYS[1]  the slot's taken counter
-- KEYS[2]  the slot's holders set, same tag
-- ARGV[1]  person id
-- Returns  1 when a place was given back, 0 when the person held none (or the slot is not loaded:
--          a later load from MySQL counts correctly, because MySQL changed first).
if redis.call('SREM', KEYS[2], ARGV[1]) == 0 then
  return 0
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('DECR', KEYS[1])
end
return 1
