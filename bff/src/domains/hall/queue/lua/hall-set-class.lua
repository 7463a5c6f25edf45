-- Moves a waiting ticket to another class (staff set or clear its priority flags).
--
-- numberOfKeys: 4
-- KEYS[1]  the ticket's hash
-- KEYS[2]  the waiting sorted set it is in (q.<serviceId>.<old class>)
-- KEYS[3]  the waiting sorted set it goes to (q.<serviceId>.<new class>)
-- KEYS[4]  the hall-day's change counter (ver)
-- ARGV[1]  its member
-- ARGV[2]  new class
-- ARGV[3]  priority reasons, comma-separated
-- ARGV[4]  ttl, ms
-- Returns  the ticket hash as a flat field/value array; -205 TICKET_MISSING, -202 TICKET_STATE.
local h = redis.call('HMGET', KEYS[1], 'state', 'rankAt')
if not h[1] then
  return -205
end
if h[1] ~= 'waiting' then
  return -202
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], h[2], ARGV[1])
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], 'cls', ARGV[2], 'prio', ARGV[3])
redis.call('INCR', KEYS[4])
return redis.call('HGETALL', KEYS[1])
