-- wrk script of the masks benchmark: every request is a POST with a small JSON body, its own
-- session token and pharmacy (one line of the slice's token file each), and its own
-- Idempotency-Key; statuses are counted in response() and reported by done() as one JSON line.
--
--   wrk -t1 -c32 -d4s -s bench/wrk-post.lua http://127.0.0.1:PORT -- <lines file> <key prefix> <path> <threads>
--
-- Lines file: "<session token> <pharmacy id>" per line. Thread t of T takes lines t, t+T, t+2T, …
-- so no two requests of one run share a line (one booking per person). When a thread runs past the
-- end it wraps around and counts `wraps` (the bench sizes the files so this stays 0).

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- Globals (not locals): done() reads them from each thread with thread:get().
counts = {}
wraps = 0
sent = 0

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
