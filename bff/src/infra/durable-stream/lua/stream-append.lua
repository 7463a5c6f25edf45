-- Appends one entry to a durable stream shard: the plain append for callers that need no decision
-- in the same step. Scripts that decide something first (dedupe, caps, ticket numbers) XADD to the
-- shard's stream themselves, with the same single field `p` (the payload), in the shard's slot.
--
-- numberOfKeys: 1
-- KEYS[1]  shard stream     ds:{<name>:<shard>}:stream
-- ARGV[1]  payload (opaque text; the sink decodes it)
-- Returns  the entry id
return redis.call('XADD', KEYS[1], '*', 'p', ARGV[1])
