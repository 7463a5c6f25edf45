-- Cluster saga, step 1 (person slot): the person-side checks of a booking, and a PENDING hold that
-- makes concurrent bookings of the same person refuse (ALREADY_RESERVED) before they touch any
-- quota. The hold carries an owner and a lease: KEYS[4] names the attempt (reservation id), the
-- ms until which it is being worked on, and the pharmacy shard its unit would come from. While
-- the lease runs, a retry with the same key waits (IN_PROGRESS); once it lapsed (the owner died
-- or lost its connection mid-saga), the same key RESUMES that attempt (reserve-unit is idempotent
-- per reservation), and another attempt is told whose unit to fence first (HOLD_LAPSED). The
-- pending hold and record still expire by themselves (pending ttl) if nobody comes back.
-- Lease time is the server's (TIME), so BFF clocks need not agree.
--
-- numberOfKeys: 4
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until
-- KEYS[3]  idempotency record     mp:{person}:idem:…, or no-idem
-- KEYS[4]  hold lease             mp:{person}:lease   "<reservation id>|<lease until ms>|<shard>"
-- ARGV[1]  reservation id
-- ARGV[2]  now, epoch ms (repeat period)
-- ARGV[3]  request fingerprint; '' without Idempotency-Key
-- ARGV[4]  reservation JSON
-- ARGV[5]  pending ttl, ms
-- ARGV[6]  lease, ms
-- ARGV[7]  pharmacy shard of this booking
-- ARGV[8]  reservation id whose lapsed pending hold the caller fenced (fence-unit said so); ''
-- Returns  {0} held | {1, reservation JSON, remaining} replay | {2, reservation JSON} resume that
--          earlier attempt of this request (lease now ours) | {IN_PROGRESS} (same key, lease
--          running) | {HOLD_LAPSED, reservation id, shard} (another attempt's lease lapsed: fence
--          its unit, then call again with ARGV[8]) | {REPEAT_PERIOD, availableFrom ms} |
--          {ALREADY_RESERVED} | {IDEMPOTENCY_CONFLICT}
local ALREADY_RESERVED = -101
local REPEAT_PERIOD = -102
local IDEMPOTENCY_CONFLICT = -104
local IN_PROGRESS = -105
local HOLD_LAPSED = -108

-- include: person-checks.lua

local id, fp = ARGV[1], ARGV[3]
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- The lease of `owner`: 'live', 'lapsed' (with its shard), or nil when the lease names another.
local function leaseOf(owner)
  local v = redis.call('GET', KEYS[4])
  if not v then return nil end
  local lid, untilMs, shard = string.match(v, '^(.*)|(%d+)|(%d+)$')
  if lid ~= owner then return nil end
  if tonumber(untilMs) > nowMs then return 'live' end
  return 'lapsed', shard
end

local function takeLease(owner, shard)
  redis.call('SET', KEYS[4], owner .. '|' .. (nowMs + tonumber(ARGV[6])) .. '|' .. shard, 'PX', ARGV[5])
end

-- The person checks (fragments/person-checks.lua), with a saga step's own answers for a record of
-- this request not decided yet and for another attempt's pending hold.
local saga = {
  undecided = function(owner, res, hold)
    if hold == false or hold == 'pending:' .. owner or hold == 'active:' .. owner then
      if leaseOf(owner) == 'live' then return {IN_PROGRESS} end
      takeLease(owner, ARGV[7])
      if hold == false then redis.call('SET', KEYS[1], 'pending:' .. owner, 'PX', ARGV[5]) end
      return {2, res}
    end
    -- Another attempt took the hold over after fencing this one's unit: the record is stale.
    redis.call('DEL', KEYS[3])
    return nil
  end,
  pendingHold = function(pendingId)
    -- The caller fenced that attempt's unit (it can no longer be taken): the hold is free.
    if pendingId == ARGV[8] then return nil end
    local state, shard = leaseOf(pendingId)
    if state == 'lapsed' then return {HOLD_LAPSED, pendingId, tonumber(shard)} end
    return {ALREADY_RESERVED}
  end,
}
local refused = personChecks(KEYS[1], KEYS[2], KEYS[3], ARGV[2], fp, saga)
if refused then return refused end

redis.call('SET', KEYS[1], 'pending:' .. id, 'PX', ARGV[5])
takeLease(id, ARGV[7])
if fp ~= '' then
  redis.call('HSET', KEYS[3], 'st', 'p', 'fp', fp, 'id', id, 'res', ARGV[4])
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
return {0}
