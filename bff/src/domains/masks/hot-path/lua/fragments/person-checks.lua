-- Fragment (included, not a command): the person-side checks of a booking, in the one order every
-- script that makes them uses: idempotent replay (same fingerprint → the earlier answer; another
-- request under the key → IDEMPOTENCY_CONFLICT; not yet decided → IN_PROGRESS), repeat period,
-- existing hold. Included by book-single.lua, check-person.lua and hold-person.lua; the Cluster
-- saga's hold-person passes `saga` for the two answers a step with leases gives differently.
-- Needs the constants ALREADY_RESERVED, REPEAT_PERIOD, IDEMPOTENCY_CONFLICT, IN_PROGRESS.
-- personChecks(holdKey, repeatKey, idemKey, nowMs, fp[, saga]) → nil (nothing stands in the way) |
--   {1, reservation JSON, remaining} replay | {code[, …]} refusal or saga answer
-- saga.undecided(owner, reservation JSON, hold) → an answer, or nil when the record is stale (go on)
--   (instead of IN_PROGRESS for a record of this request not decided yet)
-- saga.pendingHold(reservation id) → an answer, or nil when that hold is free
--   (instead of ALREADY_RESERVED for a hold another attempt holds pending)
local function personChecks(holdKey, repeatKey, idemKey, nowMs, fp, saga)
  -- The hold is read once, when first needed (false: no hold; nil: not read yet).
  local hold = nil
  if fp ~= '' then
    local rec = redis.call('HMGET', idemKey, 'fp', 'st', 'res', 'rem', 'id')
    if rec[1] then
      if rec[1] ~= fp then return {IDEMPOTENCY_CONFLICT} end
      if rec[2] == 'c' then return {1, rec[3], tonumber(rec[4])} end
      if not saga then return {IN_PROGRESS} end
      hold = redis.call('GET', holdKey)
      local answer = saga.undecided(rec[5], rec[3], hold)
      if answer then return answer end
    end
  end
  local repeatUntil = tonumber(redis.call('GET', repeatKey) or '0')
  if repeatUntil > tonumber(nowMs) then return {REPEAT_PERIOD, repeatUntil} end
  if hold == nil then hold = redis.call('GET', holdKey) end
  if hold and string.sub(hold, 1, 5) ~= 'done:' then
    local pendingId = saga and string.match(hold, '^pending:(.+)$')
    if pendingId then return saga.pendingHold(pendingId) end
    return {ALREADY_RESERVED}
  end
  return nil
end
