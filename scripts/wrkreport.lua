-- Loaded by the wrk scripts (scripts/loadtest.lua, scripts/mixload.lua):
-- every response that is not a 200, or is a GraphQL answer with errors, is
-- a bad answer (the first three are printed); done prints requests,
-- errors, latency percentiles and throughput.
local threads = {}

function setup(thread)
  thread:set("id", math.random(1, 1e9))
  table.insert(threads, thread)
end

bad = 0
function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write("bad response: " .. status .. " " .. body:sub(1, 200) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do
    b = b + (t:get("bad") or 0)
  end
  io.write(string.format("requests %d, errors: connect %d read %d write %d timeout %d, non-2xx %d, bad answers %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status, b))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("throughput %.0f requests/s\n", summary.requests / (summary.duration / 1e6)))
end
