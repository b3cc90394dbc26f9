-- wrk script for scripts/load-mix.sh and scripts/soak.sh: each connection
-- cycles through the requests the explorer makes — an entity page
-- (GraphQL), a search (GraphQL), a filtered recommendations list
-- (GraphQL) and a diagram (SVG) — over a rotating set of entities, so the
-- response cache answers only what a real audience would repeat.
-- Env: DELAY_MS paces each connection (a steady rate for soaks).
local entities = { "state:HTI", "state:TUR", "state:BRA", "state:CAN", "crimetype:0204", "crimetype:09012",
  "crimetype:0601", "crimetype:0703", "instrument:untoc", "organization:unodc", "theme:gender", "theme:victims" }
local words = { "trafficking in persons", "firearms", "corruption", "money-laundering", "victims", "gangs",
  "cybercrime", "access to justice", "drug trafficking", "environment" }
local crimes = { "0204", "09012", "0601", "0703", "07041", "cybercrime" }
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

local function gql(query, vars)
  local v = {}
  for k, val in pairs(vars) do
    v[#v + 1] = string.format('"%s":"%s"', k, val)
  end
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" },
    string.format('{"query":"%s","variables":{%s}}', query:gsub("%s+", " "):gsub('"', '\\"'), table.concat(v, ",")))
end

local entityQ = [[query E($id: ID!) { node(id: $id) { ... on Entity { id kind label aliases properties { name value }
  mentions(first: 10) { totalCount nodes { paragraph { citation } evidence { citation quote(context: 60) { before match after } } } }
  relations(first: 20, direction: OUT) { totalCount nodes { kind toId to { label } evidence { citation } } } } } }]]
local searchQ = [[query S($q: String!) { search(query: $q, first: 10) { totalCount nodes { score entity { id kind label } snippets { field html } } } }]]
local recQ = [[query R($c: String) { recommendations(filter: {crimeType: $c}, first: 20) { totalCount nodes { id ref text citation document { symbol } } } }]]

local n = 0
function request()
  n = n + 1
  local i = n % 4
  local k = math.random(1, 1000)
  if i == 0 then
    return gql(entityQ, { id = entities[k % #entities + 1] })
  elseif i == 1 then
    return gql(searchQ, { q = words[k % #words + 1] })
  elseif i == 2 then
    return gql(recQ, { c = crimes[k % #crimes + 1] })
  end
  return wrk.format("GET", "/diagram/neighbourhood?format=svg&id=" .. entities[k % #entities + 1]:gsub(":", "%%3A"))
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

dofile("scripts/wrkreport.lua") -- setup, response, done
