-- wrk: every request a question not asked before (a cache miss): gaps and skill lists at new offsets and
-- windows, skill trends of the top skills at new granularities, levels and example counts.
-- SKILLS (env): space-separated concept ids present in the store.
local skills = {}
for s in string.gmatch(os.getenv("SKILLS") or "python", "%S+") do skills[#skills + 1] = s end
local grains = { "year", "quarter", "month" }
local levels = { "country", "admin1", "city" }
local n = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("id", id) end
init = function() n = id * 1000000 end
request = function()
  n = n + 1
  local k = n % 3
  if k == 0 then
    return wrk.format("GET", "/api/v1/gaps?limit=25&offset=" .. (n % 1000000))
  elseif k == 1 then
    local y = 2019 + (n % 5)
    return wrk.format("GET", "/api/v1/skills?limit=20&offset=" .. (n % 1000000) .. "&window=" .. y .. "-01.." .. (y + 1) .. "-12")
  else
    local m = math.floor(n / 3)
    local s = skills[(m % #skills) + 1]
    m = math.floor(m / #skills)
    return wrk.format("GET", "/api/v1/skills/" .. s .. "?granularity=" .. grains[(m % 3) + 1] .. "&level=" ..
      levels[(math.floor(m / 3) % 3) + 1] .. "&examples=" .. (math.floor(m / 9) % 51))
  end
end
