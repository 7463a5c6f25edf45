-- stream-ack.lua for several shards in one call, standalone Redis only (its keys span slots; on a
-- Cluster the consumer acknowledges shard by shard).
-- standaloneOnly: true (not machine-read; DurableStreamConsumer never sends it to a Cluster)
--
-- numberOfKeys: dynamic
-- KEYS[1…n]    shard streams                      ds:{<name>:<shard>}:stream (or mq:{<shard>}:outbox)
-- ARGV[1]      consumer group
-- ARGV[2…n+1]  how many entry ids follow for each stream, in KEYS order
-- ARGV[n+2…]   the entry ids, stream by stream
-- Returns      number of entries acknowledged
local n = #KEYS
local at = n + 2
local acked = 0
for k = 1, n do
  local count = tonumber(ARGV[k + 1])
  if count > 0 then
    local ids = {}
    for i = at, at + count - 1 do ids[#ids + 1] = ARGV[i] end
    at = at + count
    acked = acked + redis.call('XACK', KEYS[k], ARGV[1], unpack(ids))
    redis.call('XDEL', KEYS[k], unpack(ids))
  end
end
return acked
