-- Transfers a ticket to another service of the hall: the old one ends as transferred and a new one
-- is numbered in the new service, queued at the old rank time (it keeps its place by original time).
-- Both go to the durable stream in one entry.
--
-- numberOfKeys: 11
-- KEYS[1]  the old ticket's hash
-- KEYS[2]  the old ticket's waiting sorted set (q.<serviceId>.<class>)
-- KEYS[3]  the hall-day's change counter (ver)
-- KEYS[4]  window → current ticket (win)
-- KEYS[5]  holds: person|service → live ticket id (held)
-- KEYS[6]  the new service's number counter (seq.<serviceId>)
-- KEYS[7]  the new ticket's hash
-- KEYS[8]  the new ticket's waiting sorted set
-- KEYS[9]  the hall-day's heads counter (hv)
-- KEYS[10] the shard's ready mark
-- KEYS[11] the shard's durable stream
-- ARGV[1]  the acting window
-- ARGV[2]  now, epoch ms
-- ARGV[3]  the old ticket's member in its waiting set
-- ARGV[4]  the old hold field
-- ARGV[5]  the new hold field
-- ARGV[6]  the new ticket id
-- ARGV[7]  the new service's prefix
-- ARGV[8]  rank time (the old one)
-- ARGV[9]  ttl, ms
-- ARGV[10] side effects for the consumer (JSON, '' for none)
-- ARGV[11…] field, value pairs of the new ticket hash (everything but seq and number)
-- Returns  the new seq; -205 TICKET_MISSING, -202 TICKET_STATE, -204 WRONG_WINDOW, -206 HALL_NOT_READY,
--          -200 ALREADY_QUEUED (the person already holds a ticket of the new service).
if redis.call('EXISTS', KEYS[10]) == 0 then
  return -206
end
local h = redis.call('HMGET', KEYS[1], 'state', 'windowId', 'id')
local state, windowId, id = h[1], h[2], h[3]
if not state then
  return -205
end
if state ~= 'waiting' and state ~= 'called' and state ~= 'serving' then
  return -202
end
if windowId and windowId ~= '' and windowId ~= ARGV[1] then
  return -204
end
if redis.call('HEXISTS', KEYS[5], ARGV[5]) == 1 then
  return -200
end
redis.call('HSET', KEYS[1], 'state', 'transferred', 'finishedAt', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('HDEL', KEYS[5], ARGV[4])
if windowId and windowId ~= '' and redis.call('HGET', KEYS[4], windowId) == id then
  redis.call('HDEL', KEYS[4], windowId)
end
local ttl = tonumber(ARGV[9])
local seq = redis.call('INCR', KEYS[6])
local fields = {}
for i = 11, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
fields[#fields + 1] = 'seq'
fields[#fields + 1] = tostring(seq)
fields[#fields + 1] = 'number'
fields[#fields + 1] = ARGV[7] .. string.format('%03d', seq)
redis.call('HSET', KEYS[7], unpack(fields))
redis.call('ZADD', KEYS[8], ARGV[8], string.format('%06d', seq) .. '|' .. ARGV[6])
redis.call('HSET', KEYS[5], ARGV[5], ARGV[6])
local ver = redis.call('INCR', KEYS[3])
redis.call('INCR', KEYS[9])
for i = 6, 9 do
  redis.call('PEXPIRE', KEYS[i], ttl)
end
redis.call('XADD', KEYS[11], '*', 'p', cjson.encode({v = ver, t = {redis.call('HGETALL', KEYS[1]), fields}, x = ARGV[10]}))
return seq
