-- Fixed-window rate limit: counts one hit in the window KEYS[1] stands for.
-- The window starts with the first hit and lasts ARGV[1] ms; refused hits are counted too.
--
-- numberOfKeys: 1
-- KEYS[1]  window counter (keys.rateLimitKey)
-- ARGV[1]  window length, ms (positive integer)
-- Returns  {count, pttl}: hits in this window including this one, ms until the window resets
local count = redis.call('INCR', KEYS[1])
local pttl = redis.call('PTTL', KEYS[1])
-- pttl < 0 on a later hit means the key lost its expiry (written by something else):
-- give it one, or the subject would stay limited forever.
if count == 1 or pttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  pttl = tonumber(ARGV[1])
end
return {count, pttl}
