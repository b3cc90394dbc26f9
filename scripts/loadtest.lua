-- wrk script for scripts/loadtest.sh: POSTs one GraphQL request, read from
-- the file named by $BODY. With NONCE=1 each request carries a distinct,
-- unused variable, so that the server's response cache never hits and
-- every request is executed (the parsed query is still cached, as it is
-- for any client repeating a query).
local f = assert(io.open(os.getenv("BODY"), "r"))
local body = f:read("*a")
f:close()
local nonce = os.getenv("NONCE") == "1"
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body

local threads = {}

function setup(thread)
  thread:set("id", math.random(1, 1e9))
  table.insert(threads, thread)
end

if nonce then
  function request()
    counter = counter + 1
    local b = body:gsub('"variables"%s*:%s*{', '"variables":{"nonce":"' .. id .. '-' .. counter .. '",', 1)
    return wrk.format(nil, nil, nil, b)
  end
end

errors = 0
function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then
    errors = errors + 1
    if errors <= 3 then
      io.stderr:write("bad response: " .. status .. " " .. body:sub(1, 200) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local gqlErrors = 0
  for _, t in ipairs(threads) do
    gqlErrors = gqlErrors + (t:get("errors") or 0)
  end
  io.write(string.format("requests %d, errors: socket connect %d read %d write %d timeout %d, non-2xx %d, bad answers %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status, gqlErrors))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("throughput %.0f requests/s\n", summary.requests / (summary.duration / 1e6)))
end
