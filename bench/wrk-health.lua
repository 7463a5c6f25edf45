-- wrk script of the health benchmark: GET (personal code) or POST {"code": …} (verification),
-- each request with its own line of the slice's file: "<session token> <code or ->".
--
--   wrk -t1 -c32 -d4s -s bench/wrk-health.lua http://127.0.0.1:PORT -- <lines file> <GET|POST> <path> <threads>
--
-- Thread t of T takes lines t, t+T, …; past the end it wraps (codes and tokens may be reused:
-- nothing here is one-time). Prints one WRKJSON line from done(), as bench/wrk-post.lua does.

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

counts = {}
wraps = 0
sent = 0

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

function response(status, hdrs, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  local w = 0
  for _, t in ipairs(threads) do
    for status, c in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + c
    end
    w = w + t:get("wraps")
  end
  local parts = {}
  for status, c in pairs(total) do
    table.insert(parts, string.format('"%d":%d', status, c))
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"wraps":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, w, table.concat(parts, ",")))
end
