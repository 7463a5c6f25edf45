-- The outbox consumer found that MySQL refused a reservation because the person already had
-- another active one (unique active_person_id; possible only after a hold was lost). The person's
-- hold is pointed at the reservation that stays, so the hot store agrees with MySQL again.
--
-- numberOfKeys: 1
-- KEYS[1]  person hold            mp:{person}:hold
-- ARGV[1]  refused reservation id
-- ARGV[2]  the person's active reservation id in MySQL; '' when none is left
-- Returns  1 when the hold was changed, else 0
local loser, winner = ARGV[1], ARGV[2]
local hold = redis.call('GET', KEYS[1])
local ours = hold == false or hold == 'pending:' .. loser or hold == 'active:' .. loser or hold == 'done:' .. loser
if not ours then return 0 end
if winner ~= '' then
  redis.call('SET', KEYS[1], 'active:' .. winner)
else
  redis.call('DEL', KEYS[1])
end
return 1
