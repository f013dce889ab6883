-- wrk script: GET with a bearer token; "{id}" in BENCH_PATH is replaced by a random interview id from BENCH_PAIRS.
local ids = {}
local token = os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_PATH")

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
  return wrk.format("GET", target, { ["Authorization"] = "Bearer " .. token })
end

local shown = 0
response = function(status, headers, body)
  if status >= 300 and shown < 3 then
    shown = shown + 1
    io.stderr:write("HTTP " .. status .. ": " .. body:sub(1, 200) .. "\n")
  end
end
