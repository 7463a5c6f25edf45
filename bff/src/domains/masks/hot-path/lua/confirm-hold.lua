-- Cluster saga, step 3 (person slot), run by the BFF after reserve-unit and again by the outbox
-- consumer for every written entry (so a BFF crash between steps 2 and 3 heals): makes this
-- reservation's hold active (no expiry) and its idempotency record final. Idempotent.
-- The hold is taken when it is this reservation's pending hold, or when there is none (the
-- pending hold expired first); a tombstone (done:) or another reservation's hold is left alone —
-- MySQL's unique active_person_id decides then.
--
-- The attempt's lease (hold-person) goes with its pending state.
--
-- numberOfKeys: 3
-- idempotent: true
-- (it sets the same active:<id> and final record again; a hold it already took stays its own)
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  idempotency record     mp:{person}:idem:…, or no-idem
-- KEYS[3]  hold lease             mp:{person}:lease
-- ARGV[1]  reservation id
-- ARGV[2]  request fingerprint; '' without Idempotency-Key
-- ARGV[3]  reservation JSON
-- ARGV[4]  remaining right after the booking
-- ARGV[5]  idempotency record ttl, ms
-- Returns  1 when the person's hold is now this reservation's active hold, else 0
local id, fp = ARGV[1], ARGV[2]
local hold = redis.call('GET', KEYS[1])
local mine = 0
if hold == false or hold == 'pending:' .. id then
  redis.call('SET', KEYS[1], 'active:' .. id)
  mine = 1
elseif hold == 'active:' .. id then
  mine = 1
end

local lease = redis.call('GET', KEYS[3])
if lease and string.sub(lease, 1, #id + 1) == id .. '|' then redis.call('DEL', KEYS[3]) end

if fp ~= '' then
  local rec = redis.call('HMGET', KEYS[2], 'id', 'st')
  if rec[1] == false then
    redis.call('HSET', KEYS[2], 'st', 'c', 'fp', fp, 'id', id, 'res', ARGV[3], 'rem', ARGV[4])
    redis.call('PEXPIRE', KEYS[2], ARGV[5])
  elseif rec[1] == id and rec[2] ~= 'c' then
    -- res again: the pending record's JSON predates the short-code number reserve-unit issued
    redis.call('HSET', KEYS[2], 'st', 'c', 'res', ARGV[3], 'rem', ARGV[4])
    redis.call('PEXPIRE', KEYS[2], ARGV[5])
  end
end
return mine
