-- Moves a waiting ticket to another class (staff set or clear its priority flags); the new class
-- goes to the durable stream with the audit row.
--
-- numberOfKeys: 7
-- KEYS[1]  the ticket's hash
-- KEYS[2]  the waiting sorted set it is in (q.<serviceId>.<old class>)
-- KEYS[3]  the waiting sorted set it goes to (q.<serviceId>.<new class>)
-- KEYS[4]  the hall-day's change counter (ver)
-- KEYS[5]  the hall-day's heads counter (hv)
-- KEYS[6]  the shard's ready mark
-- KEYS[7]  the shard's durable stream
-- ARGV[1]  its member
-- ARGV[2]  new class
-- ARGV[3]  priority reasons, comma-separated
-- ARGV[4]  ttl, ms
-- ARGV[5]  side effects for the consumer (JSON, '' for none)
-- Returns  the ticket hash as a flat field/value array; -205 TICKET_MISSING, -202 TICKET_STATE,
--          -206 HALL_NOT_READY.
if redis.call('EXISTS', KEYS[6]) == 0 then
  return -206
end
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
local ver = redis.call('INCR', KEYS[4])
redis.call('INCR', KEYS[5])
redis.call('PEXPIRE', KEYS[5], tonumber(ARGV[4]))
local ticket = redis.call('HGETALL', KEYS[1])
redis.call('XADD', KEYS[7], '*', 'p', cjson.encode({v = ver, t = {ticket}, x = ARGV[5]}))
return ticket
