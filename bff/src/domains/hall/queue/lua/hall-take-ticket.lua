-- Numbers and queues one ticket of a hall-day, atomically: the next number of the service (never
-- reused, never skipped), the ticket hash, its place in the waiting set, the person's hold on the
-- service (one live ticket per person and service) and the Idempotency-Key's record; the new
-- ticket is appended to the hall-day's shard of the durable stream in the same step (the consumer
-- writes hall_tickets), so an answered ticket is never lost with the BFF.
--
-- numberOfKeys: 9
-- KEYS[1]  the service's number counter (hallQueueKeys seq.<serviceId>)
-- KEYS[2]  the new ticket's hash (t.<ticketId>)
-- KEYS[3]  the waiting sorted set of its service and class (q.<serviceId>.<class>)
-- KEYS[4]  holds: person|service → live ticket id (held)
-- KEYS[5]  the Idempotency-Key record (idem.<subject>.<key>; idem.- when none)
-- KEYS[6]  the hall-day's change counter (ver)
-- KEYS[7]  the hall-day's heads counter (hv): moves only when the ticket heads its waiting set
-- KEYS[8]  the shard's ready mark (absent: Redis lost the shard, not rebuilt yet)
-- KEYS[9]  the shard's durable stream
-- ARGV[1]  ticket id
-- ARGV[2]  hold field: <personId>|<serviceId>
-- ARGV[3]  request fingerprint for the Idempotency-Key, '' when the request has none
-- ARGV[4]  ticket prefix (A)
-- ARGV[5]  rank time, epoch ms (the waiting set's score)
-- ARGV[6]  ttl of every key, ms
-- ARGV[7]  side effects for the consumer (JSON, '' for none)
-- ARGV[8…] field, value pairs of the ticket hash (everything but seq and number)
-- Returns  {0, seq, ticketId} for a new ticket; {1, 0, ticketId} replaying the key's ticket;
--          {-206} HALL_NOT_READY (the shard awaits its rebuild from MySQL);
--          {-200} ALREADY_QUEUED (the person holds a live ticket of this service);
--          {-201} TICKET_IDEMPOTENCY_CONFLICT (the key was used for another request).
if redis.call('EXISTS', KEYS[8]) == 0 then
  return {-206}
end
local ttl = tonumber(ARGV[6])
if ARGV[3] ~= '' then
  local prior = redis.call('GET', KEYS[5])
  if prior then
    local sep = string.find(prior, '|', 1, true)
    if string.sub(prior, 1, sep - 1) ~= ARGV[3] then
      return {-201}
    end
    return {1, 0, string.sub(prior, sep + 1)}
  end
end
if redis.call('HEXISTS', KEYS[4], ARGV[2]) == 1 then
  return {-200}
end
local seq = redis.call('INCR', KEYS[1])
local number = ARGV[4] .. string.format('%03d', seq)
local fields = {}
for i = 8, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
fields[#fields + 1] = 'seq'
fields[#fields + 1] = tostring(seq)
fields[#fields + 1] = 'number'
fields[#fields + 1] = number
redis.call('HSET', KEYS[2], unpack(fields))
local member = string.format('%06d', seq) .. '|' .. ARGV[1]
redis.call('ZADD', KEYS[3], ARGV[5], member)
-- Taken now, a ticket queues behind everyone of its set: a call-next's pick only changes when it leads.
if redis.call('ZRANK', KEYS[3], member) == 0 then
  redis.call('INCR', KEYS[7])
  redis.call('PEXPIRE', KEYS[7], ttl)
end
redis.call('HSET', KEYS[4], ARGV[2], ARGV[1])
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[5], ARGV[3] .. '|' .. ARGV[1], 'PX', ttl)
end
local ver = redis.call('INCR', KEYS[6])
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ttl)
end
redis.call('PEXPIRE', KEYS[6], ttl)
redis.call('XADD', KEYS[9], '*', 'p', cjson.encode({v = ver, t = {fields}, x = ARGV[7]}))
return {0, seq, ARGV[1]}
