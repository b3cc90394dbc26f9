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

dofile("scripts/wrkreport.lua") -- setup (gives each thread an id), response, done

if nonce then
  function request()
    counter = counter + 1
    local b = body:gsub('"variables"%s*:%s*{', '"variables":{"nonce":"' .. id .. '-' .. counter .. '",', 1)
    return wrk.format(nil, nil, nil, b)
  end
end
