-- Cluster saga (pharmacy shard slot): settles whether an attempt whose outcome is unknown took
-- its unit — its reserve-unit failed without an answer, or its lease lapsed and another attempt
-- wants the person's hold. Either the unit was taken (the mark holds the remaining count: the
-- booking stands and its outbox entry exists; the mark holds '<remaining>:<shortSeq>'), or from now on it never will be (mark 'x', which
-- a late reserve-unit of that reservation meets and refuses). Atomic with reserve-unit on the
-- same slot, so there is no third outcome.
--
-- numberOfKeys: 1
-- KEYS[1]  unit mark              mq:{shard}:unit:<reservation id>
-- ARGV[1]  unit mark ttl, ms
-- Returns  {1, remaining, shortSeq} the unit was taken | {0} fenced (no unit taken, none will be)
local mark = redis.call('GET', KEYS[1])
if mark and mark ~= 'x' then
  local rem, seq = string.match(mark, '^(-?%d+):(%d+)$')
  return {1, tonumber(rem), tonumber(seq)}
end
redis.call('SET', KEYS[1], 'x', 'PX', ARGV[1])
return {0}
