-- One person's check-in at one venue, decided and made durable in one atomic step: the same person
-- at the same venue within the dedupe window is the earlier check-in (answered again, nothing
-- appended); over the daily cap is refused; else the day count goes up, the dedupe mark is set and
-- the entry is appended to the person's shard of the check-in stream (the consumer writes it to
-- venue_checkins). All keys are in the person's shard slot (docs/durable-stream.md).
--
-- numberOfKeys: 3
-- KEYS[1]  shard stream                 ds:{checkins:<shard>}:stream
-- KEYS[2]  dedupe mark, person + venue  ds:{checkins:<shard>}:seen…   "<checkin id>|<epoch ms>"
-- KEYS[3]  day count, person + day      ds:{checkins:<shard>}:day…    integer
-- ARGV[1]  check-in id (made by the BFF)
-- ARGV[2]  now, epoch ms
-- ARGV[3]  dedupe window, ms
-- ARGV[4]  daily cap
-- ARGV[5]  day count TTL, ms
-- ARGV[6]  stream payload
-- Returns  {0, at, id} recorded; {1, at, id} the earlier check-in within the window;
--          {CHECKIN_LIMIT, count} over the daily cap
local CHECKIN_LIMIT = -300

local seen = redis.call('GET', KEYS[2])
if seen then
  local sep = string.find(seen, '|', 1, true)
  local at = string.sub(seen, sep + 1)
  -- The mark expires with the window; the time check also holds when the caller's clock is not Redis'.
  if tonumber(ARGV[2]) - tonumber(at) < tonumber(ARGV[3]) then
    return {1, at, string.sub(seen, 1, sep - 1)}
  end
end
local count = tonumber(redis.call('GET', KEYS[3]) or '0')
if count >= tonumber(ARGV[4]) then return {CHECKIN_LIMIT, count} end
redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
redis.call('SET', KEYS[2], ARGV[1] .. '|' .. ARGV[2], 'PX', ARGV[3])
redis.call('XADD', KEYS[1], '*', 'p', ARGV[6])
return {0, ARGV[2], ARGV[1]}
