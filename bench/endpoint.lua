-- One endpoint under load, for bench/http.sh. The request comes from the environment: BENCH_METHOD,
-- BENCH_PATH, BENCH_BODY (JSON, optional), BENCH_AUTH (a full header line such as "X-Api-Key: k", optional),
-- BENCH_DELAY_MS (a pause before each request, to hold a lower rate; optional). Any answer but 2xx and any
-- socket error counts as an error.
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY")
local auth = os.getenv("BENCH_AUTH")
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local prepared

function init(_)
  local headers = {}
  if body ~= nil and body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
  if auth ~= nil and auth ~= "" then
    local name, value = auth:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  prepared = wrk.format(method, path, headers, body)
end

function request()
  return prepared
end

if pause > 0 then
  function delay()
    return pause
  end
end

local threads = {}
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status)
  if status < 200 or status > 299 then bad = bad + 1 end
end

function done(summary, latency, _)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, thread in ipairs(threads) do errors = errors + thread:get("bad") end
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
