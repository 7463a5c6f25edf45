-- Shared by the benchmarks' wrk scripts (loaded with dofile, like wrk-report.lua): the slice's lines
-- file and the walk over it. Uses the globals `sent`, `wraps` (wrk-report.lua) and `tid` (setup).

-- Every line of `file` matching `pattern`, as a table of its captures; errors when there is none.
function readLines(file, pattern)
  local rows = {}
  for line in io.lines(file) do
    local row = { line:match(pattern) }
    if row[1] then rows[#rows + 1] = row end
  end
  if #rows == 0 then error("no lines in " .. tostring(file)) end
  return rows
end

-- The next line of this thread: thread t of T takes lines t, t+T, t+2T, …; past the end it wraps
-- around and counts `wraps`.
function nextLine(rows, stride)
  local n = #rows
  local k = sent * stride + tid + 1
  sent = sent + 1
  if k > n then
    wraps = wraps + 1
    k = ((k - 1) % n) + 1
  end
  return rows[k]
end
