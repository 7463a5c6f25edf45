-- wrk script of the health benchmark: GET (personal code) or POST {"code": …} (verification),
-- each request with its own line of the slice's file: "<session token> <code or ->".
--
--   wrk -t1 -c32 -d4s -s bench/wrk-health.lua http://127.0.0.1:PORT -- <lines file> <GET|POST> <path> <threads>
--
-- Thread t of T takes lines t, t+T, …; past the end it wraps (codes and tokens may be reused:
-- nothing here is one-time). Prints one WRKJSON line from done(), as bench/wrk-post.lua does.

local here = debug.getinfo(1, "S").source:match("^@(.*/)")
dofile(here .. "wrk-report.lua")
dofile(here .. "wrk-lines.lua")

local rows
local method, path, stride = "GET", "/", 1
local headers = {}

function init(args)
  method = args[2] or "GET"
  path = args[3] or "/"
  stride = tonumber(args[4] or "1")
  rows = readLines(args[1], "^(%S+)%s+(%S+)$")
  if method == "POST" then headers["Content-Type"] = "application/json" end
end

function request()
  local l = nextLine(rows, stride)
  headers["Authorization"] = "Bearer " .. l[1]
  if method == "POST" then
    return wrk.format("POST", path, headers, '{"code":"' .. l[2] .. '"}')
  end
  return wrk.format("GET", path, headers)
end
