-- wrk script: GET /api/v1/tasks (the ledger) filtered by unit, status and due window, with
-- the session cookie given in the environment (DUBAN_COOKIE, set by bench/load/run).
local units = {
  "区财政局", "区发展和改革局", "区工业和信息化局", "区商务局", "区自然资源局",
  "区农业农村局", "区市场监督管理局", "区住房和城乡建设局", "区人力资源和社会保障局",
  "区人民政府办公室", "区商务和投资促进局",
}
local extras = { "", "&status=%E6%9C%AA%E5%BC%80%E5%A7%8B", "&due_from=2021-01-01&due_to=2021-12-31", "" }
local cookie = os.getenv("DUBAN_COOKIE") or ""

local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  local u = enc(units[math.random(#units)])
  local e = extras[math.random(#extras)]
  return wrk.format("GET", "/api/v1/tasks?unit=" .. u .. e .. "&limit=50", { ["Cookie"] = cookie })
end

-- DUBAN_THINK_MS: each client waits that long on average (exponentially distributed) before
-- its next request, as people do between searches; unset, clients send back to back.
local think = tonumber(os.getenv("DUBAN_THINK_MS") or "") or 0
if think > 0 then
  delay = function() return math.floor(-think * math.log(1 - math.random())) end
end
