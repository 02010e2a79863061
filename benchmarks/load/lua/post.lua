-- POST a message into one of BENCH_CHANNELS (comma-separated ids), path BENCH_PATH with %s for the
-- channel, each request with a fresh Idempotency-Key; expects 201.
--
-- One channel per connection: wrk does not tell a script which connection a request is for, so each
-- thread owns CHANNELS / THREADS channels (as many as its connections) and gives every request the
-- channel with the fewest requests in flight; the answer's channelId releases it. With one request
-- in flight per connection, every channel then has exactly one request in flight.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local template = os.getenv("BENCH_PATH")
local nonce = os.getenv("BENCH_NONCE")
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}
local body = '{"body":"hello from wrk"}'
local channels, paths, inflight, index = {}, {}, {}, {}
local sent = 0

function init(args)
  local all = {}
  for c in string.gmatch(os.getenv("BENCH_CHANNELS"), "[^,]+") do table.insert(all, c) end
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  local per = math.floor(#all / nthreads)
  for i = id * per + 1, id * per + per do
    table.insert(channels, all[i])
    paths[#channels] = string.format(template, all[i])
    inflight[#channels] = 0
    index[all[i]] = #channels
  end
end

function request()
  local best = 1
  for i = 2, #channels do
    if inflight[i] < inflight[best] then best = i end
  end
  sent = sent + 1
  -- wrk calls request() once in thread 0 to inspect it before any connection exists: not counted
  if not (id == 0 and sent == 1) then inflight[best] = inflight[best] + 1 end
  headers["Idempotency-Key"] = nonce .. "-" .. id .. "-" .. sent
  return wrk.format("POST", paths[best], headers, body)
end

function response(status, headers, body)
  if check(status, body, 201) then
    local i = index[string.match(body, '"channelId":"([^"]+)"') or ""]
    if i and inflight[i] > 0 then inflight[i] = inflight[i] - 1 end
  end
end
