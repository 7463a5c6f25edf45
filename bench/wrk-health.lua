-- wrk script of the health benchmark: GET (personal code) or POST {"code": …} (verification),
-- each request with its own line of the slice's file: "<session token> <code or ->".
--
--   wrk -t1 -c32 -d4s -s bench/wrk-health.lua http://127.0.0.1:PORT -- <lines file> <GET|POST> <path> <threads>
--
-- Thread t of T takes lines t, t+T, …; past the end it wraps (codes and tokens may be reused:
-- nothing here is one-time). Prints one WRKJSON line from done(), as bench/wrk-post.lua does.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk-report.lua")

local tokens, codes, n = {}, {}, 0
local method, path, stride = "GET", "/", 1
local headers = {}

function init(args)
  method = args[2] or "GET"
  path = args[3] or "/"
  stride = tonumber(args[4] or "1")
  for line in io.lines(args[1]) do
    local t, c = line:match("^(%S+)%s+(%S+)$")
    if t then
      n = n + 1
      tokens[n] = t
      codes[n] = c
    end
  end
  if n == 0 then error("no lines in " .. tostring(args[1])) end
  if method == "POST" then headers["Content-Type"] = "application/json" end
end

function request()
  local k = sent * stride + tid + 1
  sent = sent + 1
  if k > n then
    wraps = wraps + 1
    k = ((k - 1) % n) + 1
  end
  headers["Authorization"] = "Bearer " .. tokens[k]
  if method == "POST" then
    return wrk.format("POST", path, headers, '{"code":"' .. codes[k] .. '"}')
  end
  return wrk.format("GET", path, headers)
end
