-- Rebuild (person slot): fills in what MySQL says about a person, without overwriting live state.
-- The hold is set only when there is none (a tombstone counts as none); the repeat period only
-- grows.
--
-- numberOfKeys: 2
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until
-- ARGV[1]  active reservation id; '' for none
-- ARGV[2]  repeat until, epoch ms; 0 for none
-- Returns  1 when something was written, else 0
local wrote = 0
if ARGV[1] ~= '' then
  local hold = redis.call('GET', KEYS[1])
  -- A tombstone of THIS reservation means it ended after the rebuild read MySQL: keep it ended.
  if hold == false or (string.sub(hold, 1, 5) == 'done:' and hold ~= 'done:' .. ARGV[1]) then
    redis.call('SET', KEYS[1], 'active:' .. ARGV[1])
    wrote = 1
  end
end
local untilMs = tonumber(ARGV[2])
if untilMs > 0 and untilMs > tonumber(redis.call('GET', KEYS[2]) or '0') then
  redis.call('SET', KEYS[2], ARGV[2], 'PXAT', ARGV[2])
  wrote = 1
end
return wrote
