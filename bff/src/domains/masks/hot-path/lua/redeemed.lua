-- Redeemed (person slot): drops this reservation's hold (tombstone, as drop-hold.lua) and starts
-- the repeat period. The repeat period only ever grows (a late call for an older redemption must
-- not shorten it) and expires by itself when it ends.
--
-- numberOfKeys: 2
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until
-- ARGV[1]  reservation id
-- ARGV[2]  tombstone ttl, ms
-- ARGV[3]  repeat until, epoch ms
-- Returns  1 when this reservation's hold was dropped, else 0
local id = ARGV[1]
local dropped = 0
local hold = redis.call('GET', KEYS[1])
if hold == 'pending:' .. id or hold == 'active:' .. id then
  redis.call('SET', KEYS[1], 'done:' .. id, 'PX', ARGV[2])
  dropped = 1
end
local untilMs = tonumber(ARGV[3])
if untilMs > tonumber(redis.call('GET', KEYS[2]) or '0') then
  redis.call('SET', KEYS[2], ARGV[3], 'PXAT', ARGV[3])
end
return dropped
