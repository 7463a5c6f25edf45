-- wrk script of the masks benchmark: every request is a POST with a small JSON body, its own
-- session token and pharmacy (one line of the slice's token file each), and its own
-- Idempotency-Key; statuses are counted in response() and reported by done() as one JSON line.
--
--   wrk -t1 -c32 -d4s -s bench/wrk-post.lua http://127.0.0.1:PORT -- <lines file> <key prefix> <path> <threads>
--
-- Lines file: "<session token> <pharmacy id>" per line. Thread t of T takes lines t, t+T, t+2T, …
-- so no two requests of one run share a line (one booking per person). When a thread runs past the
-- end it wraps around and counts `wraps` (the bench sizes the files so this stays 0).

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk-report.lua")

local tokens, pharmacies, n = {}, {}, 0
local prefix, path, stride = "k", "/", 1
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local file = args[1]
  prefix = args[2] or "k"
  path = args[3] or "/"
  stride = tonumber(args[4] or "1")
  for line in io.lines(file) do
    local t, ph = line:match("^(%S+)%s+(%S+)$")
    if t then
      n = n + 1
      tokens[n] = t
      pharmacies[n] = ph
    end
  end
  if n == 0 then error("no lines in " .. tostring(file)) end
end

function request()
  local k = sent * stride + tid + 1
  sent = sent + 1
  if k > n then
    wraps = wraps + 1
    k = ((k - 1) % n) + 1
  end
  headers["Authorization"] = "Bearer " .. tokens[k]
  headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. sent
  return wrk.format("POST", path, headers, '{"pharmacyId":"' .. pharmacies[k] .. '"}')
end
