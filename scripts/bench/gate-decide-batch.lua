-- wrk script: batch gate decisions (POST /v1/gate/decide-batch), NTK_BATCH decisions per request (default 1000), the
-- same mix as gate-decide.lua. Prints decisions per second (requests/s times the batch size).
local key = os.getenv("NTK_KEY") or error("set NTK_KEY")
local size = tonumber(os.getenv("NTK_BATCH") or "1000")
local delay_ms = tonumber(os.getenv("NTK_DELAY_MS") or "0")
local body

function init(args)
  local parts = {}
  local thread_seed = math.random(1, 1000)
  for i = 1, size do
    local user = "bench-user-" .. ((i + thread_seed) % 1000)
    local target
    if i % 10 == 0 then target = "wx.getClipboardData"
    elseif i % 10 == 5 then target = "wx.getLocation"
    else target = "wx.chooseImage" end
    parts[i] = '{"appId":"wxsim0001","userId":"' .. user .. '","target":"' .. target .. '","userGesture":true}'
  end
  body = '{"requests":[' .. table.concat(parts, ",") .. ']}'
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. key
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format(nil, "/v1/gate/decide-batch", nil, body)
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local rps = summary.requests / (summary.duration / 1e6)
  io.write(string.format("batch requests/s: %.0f  decisions/s: %.0f  p50 %.2f ms  p99 %.2f ms  errors %d\n",
    rps, rps * size, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
