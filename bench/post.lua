-- wrk script: POST a JSON body to a random interview of a list of "interview_id contact_id" pairs.
-- Environment: BENCH_PAIRS (file of pairs), BENCH_KIND (touch | note), BENCH_TOKEN (bearer token).
local pairs_list = {}
local kind = os.getenv("BENCH_KIND")
local token = os.getenv("BENCH_TOKEN")

function init(args)
  for line in io.lines(os.getenv("BENCH_PAIRS")) do
    local interview, contact = line:match("(%d+)%s+(%d+)")
    if interview then
      pairs_list[#pairs_list + 1] = { interview, contact }
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

local note = "Thank you for taking the time to talk with me today about the analyst role. I enjoyed hearing"
  .. " how the team plans to rebuild its reporting, and I am keen to help with that work. If it helps, I am"
  .. " happy to share the dashboard project we discussed and to put you in touch with my references."

request = function()
  local pair = pairs_list[math.random(#pairs_list)]
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  if kind == "touch" then
    local body = string.format(
      '{"kind":"EXTRA_INFORMATION","channel":"EMAIL","recipientId":%s,"sentAt":"%s"}',
      pair[2], os.date("!%Y-%m-%dT%H:%M:%SZ"))
    return wrk.format("POST", "/api/interviews/" .. pair[1] .. "/touches", headers, body)
  else
    local body = string.format('{"recipientId":%s,"text":"%s"}', pair[2], note)
    return wrk.format("POST", "/api/interviews/" .. pair[1] .. "/note-check", headers, body)
  end
end

-- No response() callback (see get.lua): a non-2xx answer counts in wrk's "Non-2xx" line, which load.sh reports.
