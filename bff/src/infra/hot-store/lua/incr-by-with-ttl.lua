-- Atomic add that sets an expiry only on the call that creates the key, so later calls never
-- extend a counter's life (INCRBY alone would never expire; INCRBY + PEXPIRE would slide).
--
-- numberOfKeys: 1
-- KEYS[1]  counter (keys.counterKey, …)
-- ARGV[1]  delta (integer, may be negative)
-- ARGV[2]  ttl in ms for a key this call creates; 0 for none
-- Returns  the new value. It may be negative, so this script reports no ScriptCode; a key that
--          holds a non-integer fails with Redis' own error.
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = tonumber(ARGV[2])
if created and ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return value
