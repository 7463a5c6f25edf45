-- Fragment (included, not a command): the person-side checks of a booking, in the one order every
-- script that makes them uses: idempotent replay (same fingerprint → the earlier answer; another
-- request under the key → IDEMPOTENCY_CONFLICT; not yet decided → IN_PROGRESS), repeat period,
-- existing hold. Included by book-single.lua and check-person.lua; hold-person.lua makes the same
-- checks in the same order with what a saga step adds (it takes the pending hold).
-- Needs the constants ALREADY_RESERVED, REPEAT_PERIOD, IDEMPOTENCY_CONFLICT, IN_PROGRESS.
-- personChecks(holdKey, repeatKey, idemKey, nowMs, fp) → nil (nothing stands in the way) |
--   {1, reservation JSON, remaining} replay | {code[, availableFrom ms]} refusal
local function personChecks(holdKey, repeatKey, idemKey, nowMs, fp)
  if fp ~= '' then
    local rec = redis.call('HMGET', idemKey, 'fp', 'st', 'res', 'rem')
    if rec[1] then
      if rec[1] ~= fp then return {IDEMPOTENCY_CONFLICT} end
      if rec[2] ~= 'c' then return {IN_PROGRESS} end
      return {1, rec[3], tonumber(rec[4])}
    end
  end
  local repeatUntil = tonumber(redis.call('GET', repeatKey) or '0')
  if repeatUntil > tonumber(nowMs) then return {REPEAT_PERIOD, repeatUntil} end
  local hold = redis.call('GET', holdKey)
  if hold and string.sub(hold, 1, 5) ~= 'done:' then return {ALREADY_RESERVED} end
  return nil
end
