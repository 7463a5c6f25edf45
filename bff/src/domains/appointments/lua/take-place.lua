-- Takes one place in an appointment slot for a person, atomically: never more than the capacity,
-- never two places for one person in one slot. The MySQL row is written after this succeeds; a
-- failed write gives the place back (release-place.lua).
--
-- numberOfKeys: 2
-- KEYS[1]  the slot's taken counter (keys.appointmentSlotKeys().taken)
-- KEYS[2]  the slot's holders set (keys.appointmentSlotKeys().holders), same tag
-- ARGV[1]  person id
-- ARGV[2]  capacity of the slot
-- Returns  the number of places taken after this one; SLOT_NOT_LOADED (-302) when the counter is
--          missing (load-slot.lua from MySQL, then retry), SLOT_HELD (-301) when the person holds
--          a place already, SLOT_FULL (-300) when no place is left.
local SLOT_FULL = -300
local SLOT_HELD = -301
local SLOT_NOT_LOADED = -302
local taken = redis.call('GET', KEYS[1])
if not taken then
  return SLOT_NOT_LOADED
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  return SLOT_HELD
end
if tonumber(taken) >= tonumber(ARGV[2]) then
  return SLOT_FULL
end
redis.call('SADD', KEYS[2], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return redis.call('INCR', KEYS[1])
