-- One state step of a ticket: recall, start, complete, skip (no-show) or cancel. Checks the state
-- it starts from and the window that called it; an ending step frees the window and the person's
-- hold, and a completed or skipped call records the window's occupancy (ETA). The new state goes
-- to the durable stream with the step's audit row and notification.
--
-- numberOfKeys: 10
-- KEYS[1]  the ticket's hash (t.<ticketId>)
-- KEYS[2]  the hall-day's change counter (ver)
-- KEYS[3]  window → current ticket (win)
-- KEYS[4]  holds: person|service → live ticket id (held)
-- KEYS[5]  recent calls (calls)
-- KEYS[6]  recent occupancy times of the service, ms (st.<serviceId>)
-- KEYS[7]  the waiting sorted set of its service and class (q.<serviceId>.<class>)
-- KEYS[8]  the hall-day's heads counter (hv)
-- KEYS[9]  the shard's ready mark
-- KEYS[10] the shard's durable stream
-- ARGV[1]  states it may start from, comma-wrapped: ,called,serving,
-- ARGV[2]  the state it goes to
-- ARGV[3]  now, epoch ms
-- ARGV[4]  the acting window, '' for the holder's own cancel
-- ARGV[5]  the timestamp field to set (calledAt, startedAt, finishedAt), '' for none
-- ARGV[6]  a repeated call as JSON (recall), '' for none
-- ARGV[7]  hold field <personId>|<serviceId>
-- ARGV[8]  the ticket's member in the waiting set
-- ARGV[9]  ttl, ms
-- ARGV[10] recent calls to keep
-- ARGV[11] occupancy samples to keep
-- ARGV[12] side effects for the consumer (JSON, '' for none)
-- Returns  the ticket hash as a flat field/value array; -205 TICKET_MISSING, -202 TICKET_STATE,
--          -204 WRONG_WINDOW, -206 HALL_NOT_READY.
if redis.call('EXISTS', KEYS[9]) == 0 then
  return -206
end
local h = redis.call('HMGET', KEYS[1], 'state', 'windowId', 'calledAt', 'id')
local state, windowId, calledAt, id = h[1], h[2], h[3], h[4]
if not state then
  return -205
end
if not string.find(ARGV[1], ',' .. state .. ',', 1, true) then
  return -202
end
if ARGV[4] ~= '' and windowId and windowId ~= '' and windowId ~= ARGV[4] then
  return -204
end
local to = ARGV[2]
redis.call('HSET', KEYS[1], 'state', to)
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], ARGV[5], ARGV[3])
end
if state == 'waiting' then
  redis.call('ZREM', KEYS[7], ARGV[8])
  redis.call('INCR', KEYS[8])
  redis.call('PEXPIRE', KEYS[8], tonumber(ARGV[9]))
end
if ARGV[6] ~= '' then
  redis.call('HINCRBY', KEYS[1], 'calls', 1)
  redis.call('LPUSH', KEYS[5], ARGV[6])
  redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[10]) - 1)
end
if to == 'done' or to == 'no_show' or to == 'cancelled' then
  redis.call('HDEL', KEYS[4], ARGV[7])
  if windowId and windowId ~= '' and redis.call('HGET', KEYS[3], windowId) == id then
    redis.call('HDEL', KEYS[3], windowId)
  end
  if to ~= 'cancelled' and calledAt and calledAt ~= '' then
    redis.call('LPUSH', KEYS[6], tonumber(ARGV[3]) - tonumber(calledAt))
    redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[11]) - 1)
    redis.call('PEXPIRE', KEYS[6], tonumber(ARGV[9]))
  end
end
local ver = redis.call('INCR', KEYS[2])
local ticket = redis.call('HGETALL', KEYS[1])
redis.call('XADD', KEYS[10], '*', 'p', cjson.encode({v = ver, t = {ticket}, x = ARGV[12]}))
return ticket
