-- Mixed traffic for bench/load.sh: of every 20 requests, 8 downloads, 6 uploads, 1 batch of 10 keys and
-- 5 refusals (a traversal key, another caller's key, a content type not allowed, a bad API key, an unknown
-- profile). Any other answer than 200 or the refusals' 400/401/403/404, and any socket error, is an error.
local requests = {}
local function add(count, path, body, key)
  for _ = 1, count do
    requests[#requests + 1] = wrk.format("POST", path,
      { ["Content-Type"] = "application/json", ["X-Api-Key"] = key or "bench-key" }, body)
  end
end

-- Built in init, once wrk knows the Host header to send.
function init(_)
  add(8, "/v1/downloads", '{"profile":"bench","key":"photos/cat.png"}')
  add(6, "/v1/uploads", '{"profile":"bench","key":"photos/new.png","contentType":"image/png","contentLength":1024}')
  local keys = {}
  for i = 1, 10 do keys[#keys + 1] = '"k' .. i .. '.png"' end
  add(1, "/v1/downloads/batch", '{"profile":"bench","keys":[' .. table.concat(keys, ",") .. ']}')
  add(1, "/v1/downloads", '{"profile":"bench","key":"../other/x.png"}')
  add(1, "/v1/downloads", '{"profile":"bench","fullKey":"users/other/x.png"}')
  add(1, "/v1/uploads", '{"profile":"bench","key":"a.html","contentType":"text/html","contentLength":1}')
  add(1, "/v1/downloads", '{"profile":"bench","key":"a.png"}', "wrong-key")
  add(1, "/v1/downloads", '{"profile":"nope","key":"a.png"}')
end

local threads = {}
counter = 0
unexpected = 0
statuses = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 and status ~= 400 and status ~= 401 and status ~= 403 and status ~= 404 then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, _)
  local total_unexpected, by_status = 0, {}
  for _, thread in ipairs(threads) do
    total_unexpected = total_unexpected + thread:get("unexpected")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(by_status) do parts[#parts + 1] = status .. "=" .. count end
  table.sort(parts)
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d req_per_s=%.0f p50_ms=%.2f p99_ms=%.2f unexpected=%d socket_errors=%d statuses=%s\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, total_unexpected, socket, table.concat(parts, ",")))
end
