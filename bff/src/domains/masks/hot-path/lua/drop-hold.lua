-- Cancel or expiry (person slot): the person may book again. Replaces this reservation's hold by
-- a tombstone (done:<id>, short expiry) instead of deleting it, so that a late confirm-hold of the
-- same reservation (a redelivered outbox entry) cannot bring the hold back. Another
-- reservation's hold is left alone.
--
-- numberOfKeys: 1
-- idempotent: true
-- (a second run finds the tombstone and leaves it; only the 1/0 reply differs, unused)
-- KEYS[1]  person hold            mp:{person}:hold
-- ARGV[1]  reservation id
-- ARGV[2]  tombstone ttl, ms
-- Returns  1 when this reservation's hold was dropped, else 0
local id = ARGV[1]
local hold = redis.call('GET', KEYS[1])
if hold == 'pending:' .. id or hold == 'active:' .. id then
  redis.call('SET', KEYS[1], 'done:' .. id, 'PX', ARGV[2])
  return 1
end
return 0
