-- wrk script of the venues benchmark: POST {"venueCode": …} as a check-in (or to the bare floor),
-- each request with its own line of the slice's file: "<session token> <venue code>".
--
--   wrk -t1 -c32 -d4s -s bench/wrk-venues.lua http://127.0.0.1:PORT -- <lines file> <path> <threads>
--
-- Thread t of T takes lines t, t+T, …; past the end it wraps (a wrapped check-in is a duplicate
-- within the dedupe window: still 200). Prints one WRKJSON line from done(), as wrk-health.lua does.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk-report.lua")

local tokens, codes, n = {}, {}, 0
local path, stride = "/", 1
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  path = args[2] or "/"
  stride = tonumber(args[3] or "1")
  for line in io.lines(args[1]) do
    local t, c = line:match("^(%S+)%s+(%S+)$")
    if t then
      n = n + 1
      tokens[n] = t
      codes[n] = c
    end
  end
  if n == 0 then error("no lines in " .. tostring(args[1])) end
end

function request()
  local k = sent * stride + tid + 1
  sent = sent + 1
  if k > n then
    wraps = wraps + 1
    k = ((k - 1) % n) + 1
  end
  headers["Authorization"] = "Bearer " .. tokens[k]
  return wrk.format("POST", path, headers, '{"venueCode":"' .. codes[k] .. '"}')
end
