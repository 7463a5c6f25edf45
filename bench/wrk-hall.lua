-- wrk script of the hall benchmark: each request is one line of the slice's file,
-- "<session token> <GET|POST> <path> <JSON body or ->". A POST to …/tickets gets an Idempotency-Key
-- made of the slice nonce, the thread and the request number (each ticket taken once).
--
--   wrk -t1 -c32 -d4s -s bench/wrk-hall.lua http://127.0.0.1:PORT -- <lines file> <threads> <nonce>
--
-- Thread t of T takes lines t, t+T, …; past the end it wraps. A call-next answered with no ticket
-- (nobody waiting) is counted as status 204, so the report tells empty calls from real ones.

local here = debug.getinfo(1, "S").source:match("^@(.*/)")
dofile(here .. "wrk-report.lua")
dofile(here .. "wrk-lines.lua")

local rows
local stride, nonce = 1, "x"

function init(args)
  stride = tonumber(args[2] or "1")
  nonce = args[3] or "x"
  rows = readLines(args[1], "^(%S+)%s+(%S+)%s+(%S+)%s+(.+)$")
end

function request()
  local l = nextLine(rows, stride)
  local headers = { ["Authorization"] = "Bearer " .. l[1] }
  if l[2] == "POST" then
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = "bench-" .. nonce .. "-" .. tid .. "-" .. sent
    return wrk.format("POST", l[3], headers, l[4] ~= "-" and l[4] or "{}")
  end
  return wrk.format("GET", l[3], headers)
end

function response(status, hdrs, body)
  if status == 200 and body and body:find('"ticket":null', 1, true) then status = 204 end
  counts[status] = (counts[status] or 0) + 1
end
