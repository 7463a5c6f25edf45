-- A window calls one waiting ticket: removes it from the waiting set and marks it called by the
-- window, only if the queue has not changed since the caller read it (call-next picks with the one
-- ordering function in TypeScript, then claims here; two windows never get the same ticket). The
-- check is against the heads counter, which takes behind the heads do not move, so a burst of
-- takes does not make a call read again. The called ticket goes to the durable stream.
--
-- numberOfKeys: 9
-- KEYS[1]  the hall-day's heads counter (hv)
-- KEYS[2]  the window's streak of preferred calls (streak.<windowId>)
-- KEYS[3]  the ticket's hash (t.<ticketId>)
-- KEYS[4]  the waiting sorted set holding it (q.<serviceId>.<class>)
-- KEYS[5]  window → current ticket (win)
-- KEYS[6]  recent calls, newest first (calls)
-- KEYS[7]  the hall-day's change counter (ver)
-- KEYS[8]  the shard's ready mark
-- KEYS[9]  the shard's durable stream
-- ARGV[1]  the version read, '' to claim whatever the version (a chosen ticket)
-- ARGV[2]  the ticket's member in the waiting set
-- ARGV[3]  the window's new streak, '' to leave it
-- ARGV[4]  window id
-- ARGV[5]  now, epoch ms
-- ARGV[6]  the call as JSON (board)
-- ARGV[7]  ttl, ms
-- ARGV[8]  ticket id
-- ARGV[9]  how many recent calls to keep
-- ARGV[10] side effects for the consumer (JSON: audit, notifications)
-- Returns  the ticket hash as a flat field/value array; -203 QUEUE_MOVED (heads changed),
--          -206 HALL_NOT_READY,
--          -202 TICKET_STATE (not waiting), -205 TICKET_MISSING.
if redis.call('EXISTS', KEYS[8]) == 0 then
  return -206
end
if ARGV[1] ~= '' and tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[1]) then
  return -203
end
local state = redis.call('HGET', KEYS[3], 'state')
if not state then
  return -205
end
if state ~= 'waiting' then
  return -202
end
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('HSET', KEYS[3], 'state', 'called', 'windowId', ARGV[4], 'calledAt', ARGV[5], 'calls', '1')
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[2], ARGV[3], 'PX', tonumber(ARGV[7]))
end
redis.call('HSET', KEYS[5], ARGV[4], ARGV[8])
redis.call('LPUSH', KEYS[6], ARGV[6])
redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[9]) - 1)
redis.call('INCR', KEYS[1])
local ver = redis.call('INCR', KEYS[7])
for i = 5, 7 do
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[7]))
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[7]))
local ticket = redis.call('HGETALL', KEYS[3])
redis.call('XADD', KEYS[9], '*', 'p', cjson.encode({v = ver, t = {ticket}, x = ARGV[10]}))
return ticket
