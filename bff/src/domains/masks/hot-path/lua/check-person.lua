-- Cluster fast refusal (person slot): the checks of hold-person.lua WITHOUT taking a hold, for a
-- booking at a pharmacy this BFF saw sold out within the last second. An idempotent replay, a
-- repeat period or an existing hold still answer exactly as hold-person would; otherwise the
-- caller answers SOLD_OUT at the cost of this one round trip instead of three.
--
-- numberOfKeys: 3
-- idempotent: true
-- (it only reads)
-- KEYS[1]  person hold            mp:{person}:hold
-- KEYS[2]  person repeat-until    mp:{person}:repeat-until
-- KEYS[3]  idempotency record     mp:{person}:idem:…, or no-idem
-- ARGV[1]  now, epoch ms
-- ARGV[2]  request fingerprint; '' without Idempotency-Key
-- Returns  {0} nothing stands in the way | {1, reservation JSON, remaining} replay |
--          {IN_PROGRESS} | {REPEAT_PERIOD, availableFrom ms} | {ALREADY_RESERVED} | {IDEMPOTENCY_CONFLICT}
local ALREADY_RESERVED = -101
local REPEAT_PERIOD = -102
local IDEMPOTENCY_CONFLICT = -104
local IN_PROGRESS = -105

-- include: person-checks.lua

return personChecks(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2]) or {0}
