-- wrk: every request one not made before (a miss in the response cache, computed again): gap tables and skill
-- lists over each month window (start and length) in turn, then again with another page size; skill detail
-- (trend, places, forms, examples) of the top skills at new granularities, levels and example counts. Each thread
-- walks its own range of requests.
-- SKILLS (env): space-separated concept ids present in the store; FIRST and LAST (env): its months YYYY-MM.
local skills = {}
for s in string.gmatch(os.getenv("SKILLS") or "python", "%S+") do skills[#skills + 1] = s end
local first_year = tonumber(string.sub(os.getenv("FIRST") or "2019-01", 1, 4))
local last_year = tonumber(string.sub(os.getenv("LAST") or "2024-12", 1, 4))
local months = (last_year - first_year + 1) * 12
local grains = { "year", "quarter", "month" }
local levels = { "country", "admin1", "city" }
local n, id = 0, 0
setup = function(thread) id = id + 1; thread:set("id", id) end
init = function() n = id * 1000000 end
local function month(k)
  return string.format("%04d-%02d", first_year + math.floor(k / 12), (k % 12) + 1)
end
-- The window number k: start and length (1..24 months) walk all pairs before any repeats.
local function window(k)
  local start = k % months
  local length = 1 + (math.floor(k / months) % 24)
  local stop = math.min(months - 1, start + length - 1)
  return month(start) .. ".." .. month(stop)
end
request = function()
  n = n + 1
  local k = n % 3
  local m = math.floor(n / 3)
  -- The page size walks 1..50 with the window, so a window comes back only with another page size (a new
  -- request: the response cache misses and the table is computed again).
  local size = 1 + (math.floor(m / (months * 24)) % 50)
  if k == 0 then
    return wrk.format("GET", "/api/v1/gaps?limit=" .. size .. "&window=" .. window(m))
  elseif k == 1 then
    return wrk.format("GET", "/api/v1/skills?limit=" .. size .. "&window=" .. window(m))
  else
    local s = skills[(m % #skills) + 1]
    m = math.floor(m / #skills)
    return wrk.format("GET", "/api/v1/skills/" .. s .. "?granularity=" .. grains[(m % 3) + 1] .. "&level=" ..
      levels[(math.floor(m / 3) % 3) + 1] .. "&examples=" .. (math.floor(m / 9) % 51))
  end
end
