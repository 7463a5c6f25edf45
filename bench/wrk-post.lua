-- wrk script of the masks benchmark: every request is a POST with a small JSON body, its own
-- session token and pharmacy (one line of the slice's token file each), and its own
-- Idempotency-Key; statuses are counted in response() and reported by done() as one JSON line.
--
--   wrk -t1 -c32 -d4s -s bench/wrk-post.lua http://127.0.0.1:PORT -- <lines file> <key prefix> <path> <threads>
--
-- Lines file: "<session token> <pharmacy id>" per line. Thread t of T takes lines t, t+T, t+2T, …
-- so no two requests of one run share a line (one booking per person). When a thread runs past the
-- end it wraps around and counts `wraps` (the bench sizes the files so this stays 0).

local here = debug.getinfo(1, "S").source:match("^@(.*/)")
dofile(here .. "wrk-report.lua")
dofile(here .. "wrk-lines.lua")

local rows
local prefix, path, stride = "k", "/", 1
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  prefix = args[2] or "k"
  path = args[3] or "/"
  stride = tonumber(args[4] or "1")
  rows = readLines(args[1], "^(%S+)%s+(%S+)$")
end

function request()
  local l = nextLine(rows, stride)
  headers["Authorization"] = "Bearer " .. l[1]
  headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. sent
  return wrk.format("POST", path, headers, '{"pharmacyId":"' .. l[2] .. '"}')
end
