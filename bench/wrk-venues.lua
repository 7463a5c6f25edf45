-- wrk script of the venues benchmark: POST {"venueCode": …} as a check-in (or to the bare floor),
-- each request with its own line of the slice's file: "<session token> <venue code>".
--
--   wrk -t1 -c32 -d4s -s bench/wrk-venues.lua http://127.0.0.1:PORT -- <lines file> <path> <threads>
--
-- Thread t of T takes lines t, t+T, …; past the end it wraps (a wrapped check-in is a duplicate
-- within the dedupe window: still 200). Prints one WRKJSON line from done(), as wrk-health.lua does.

local here = debug.getinfo(1, "S").source:match("^@(.*/)")
dofile(here .. "wrk-report.lua")
dofile(here .. "wrk-lines.lua")

local rows
local path, stride = "/", 1
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  path = args[2] or "/"
  stride = tonumber(args[3] or "1")
  rows = readLines(args[1], "^(%S+)%s+(%S+)$")
end

function request()
  local l = nextLine(rows, stride)
  headers["Authorization"] = "Bearer " .. l[1]
  return wrk.format("POST", path, headers, '{"venueCode":"' .. l[2] .. '"}')
end
