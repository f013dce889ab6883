-- wrk script: GET, with a bearer token when BENCH_TOKEN is set; "{id}" in BENCH_PATH is replaced by a random interview
-- id from BENCH_PAIRS. No response() callback: wrk counts non-2xx answers itself, and a callback would make wrk
-- hand every response to Lua, costing CPU on the same two cores as the server.
local ids = {}
local token = os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_PATH")
local headers = {}
if token ~= nil and token ~= "" then
  headers["Authorization"] = "Bearer " .. token
end

function init(args)
  local file = os.getenv("BENCH_PAIRS")
  if file then
    for line in io.lines(file) do
      local interview = line:match("(%d+)")
      if interview then
        ids[#ids + 1] = interview
      end
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local target = path
  if #ids > 0 then
    target = path:gsub("{id}", ids[math.random(#ids)])
  end
  return wrk.format("GET", target, headers)
end
