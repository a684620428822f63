-- wrk: the same questions over and over (answered from the response cache after the first).
-- SKILL (env): a concept id present in the store.
local skill = os.getenv("SKILL") or "python"
local paths = {
  "/api/v1/gaps?limit=25", "/api/v1/gaps?limit=25&rank=unmet", "/api/v1/skills?limit=20",
  "/api/v1/skills/" .. skill, "/api/v1/skills/" .. skill .. "?granularity=month",
  "/api/v1/gaps/programmes/pr-001", "/api/v1/regions", "/api/v1/programmes?limit=20",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
