-- Completes a hall-day's arrival index (appointments/arrival-index.ts) with the persons MySQL has
-- rows for, but only while the index is still the one whose settling began as ARGV[1]: if Redis
-- lost the hash again meanwhile, a booking's mark may be missing from both, so nothing is declared
-- complete (the next reader starts settling again).
--
-- numberOfKeys: 1
-- idempotent: true
-- KEYS[1]  the hall-day's arrival index (hash: person id → 1, "*" → settle:<ms> | ready)
-- ARGV[1]  the "*" value read (settle:<ms>)
-- ARGV[2]  expire at (epoch ms)
-- ARGV[3…] the persons with appointment rows at the hall that day, per MySQL
-- Returns  1 when completed, 0 when the index changed meanwhile.
if redis.call('HGET', KEYS[1], '*') ~= ARGV[1] then
  return 0
end
for i = 3, #ARGV do
  redis.call('HSET', KEYS[1], ARGV[i], '1')
end
redis.call('HSET', KEYS[1], '*', 'ready')
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
