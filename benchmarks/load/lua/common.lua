-- Shared by the load benchmark's wrk scripts (loaded with dofile from each of them).
-- setup() numbers the threads; done() prints one machine-readable RESULT line for run.sh.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local unexpected, first = 0, ""
  for _, t in ipairs(threads) do
    unexpected = unexpected + (t:get("unexpected") or 0)
    local f = t:get("first_unexpected")
    if f and first == "" then first = f end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d unexpected=%d\n",
    summary.requests, summary.duration, math.floor(latency:percentile(50)), math.floor(latency:percentile(99)),
    e.status, e.connect + e.read + e.write + e.timeout, unexpected))
  if first ~= "" then io.write("FIRST_UNEXPECTED " .. first:gsub("\n", " ") .. "\n") end
end

unexpected = 0
first_unexpected = nil

-- counts answers whose status is not the expected one, and keeps the first for the log
function check(status, body, expected)
  if status ~= expected then
    unexpected = unexpected + 1
    if not first_unexpected then first_unexpected = status .. " " .. string.sub(body or "", 1, 300) end
    return false
  end
  return true
end
