-- wrk script: single gate decisions (POST /v1/gate/decide), a mix over 1,000 users of the live app wxsim0001:
-- 80% wx.chooseImage by users who consented (allow), 10% an undeclared key (deny 112), 10% wx.getLocation before the
-- scope is asked (prompt). Deny and prompt records go to the audit log. Set NTK_KEY (a host or operator key).
-- Optional: NTK_DELAY_MS per connection between requests, to run below the peak (p99 at a given rate).
local key = os.getenv("NTK_KEY") or error("set NTK_KEY")
local delay_ms = tonumber(os.getenv("NTK_DELAY_MS") or "0")
local bodies = {}
local n = 0

function init(args)
  local thread_seed = math.random(1, 1000)
  for i = 1, 1000 do
    local user = "bench-user-" .. ((i + thread_seed) % 1000)
    local target
    if i % 10 == 0 then target = "wx.getClipboardData"
    elseif i % 10 == 5 then target = "wx.getLocation"
    else target = "wx.chooseImage" end
    bodies[i] = '{"appId":"wxsim0001","userId":"' .. user .. '","target":"' .. target .. '","userGesture":true}'
  end
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. key
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  return wrk.format(nil, "/v1/gate/decide", nil, bodies[(n % 1000) + 1])
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("decisions/s: %.0f  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, errors))
end
