-- Cluster saga compensation (person slot): reserve-unit refused (SOLD_OUT, COUNTERS_MISSING,
-- UNIT_FENCED) or is known not to have taken a unit (fence-unit), so the pending hold of THIS
-- attempt goes, and so do its lease and its pending idempotency record. Anything else — another
-- attempt's hold or lease, an active hold, a final record — is left alone.
--
-- numberOfKeys: 3
-- idempotent: true
-- (a second run finds this attempt's hold, lease and record gone and changes nothing)
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  idempotency record     mp:{person}:idem:…, or no-idem
-- KEYS[3]  hold lease             mp:{person}:lease
-- ARGV[1]  reservation id of the refused attempt
-- Returns  1 when the pending hold was removed, else 0
local id = ARGV[1]
local removed = 0
if redis.call('GET', KEYS[1]) == 'pending:' .. id then
  redis.call('DEL', KEYS[1])
  removed = 1
end
local lease = redis.call('GET', KEYS[3])
if lease and string.sub(lease, 1, #id + 1) == id .. '|' then redis.call('DEL', KEYS[3]) end
local rec = redis.call('HMGET', KEYS[2], 'id', 'st')
if rec[1] == id and rec[2] == 'p' then
  redis.call('DEL', KEYS[2])
end
return removed
