-- Shared by the benchmarks' wrk scripts (loaded with dofile): each thread's status counts, and one
-- `WRKJSON {…}` line from done() with requests, latency percentiles, socket errors, wraps and statuses.

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- Globals (not locals): done() reads them from each thread with thread:get().
counts = {}
wraps = 0
sent = 0

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
