-- GET one path (BENCH_PATH) with the bearer token (BENCH_TOKEN); expects 200.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

wrk.method = "GET"
wrk.path = os.getenv("BENCH_PATH")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"

function response(status, headers, body)
  check(status, body, 200)
end
