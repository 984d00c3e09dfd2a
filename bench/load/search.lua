-- wrk script: GET /api/v1/search with a mix of the queries people type: words, phrases,
-- a 文号 in another bracket style, pinyin, a homophone typo, with and without filters.
local queries = {
  "营商环境", "消费券", "乡村振兴", "政务服务", "设备更新", "供销合作社", "跨省通办",
  "智慧城市", "财政局", "优化营商环境创新突破", "便民热线", "以旧换新",
  "鲁政发[2021]6号", "枣政办字(2020)52号", "yingshanghuanjing", "zhengwu gongkai",
  "营商环竟", "政务公开", "农资仓储", "专项资金",
}
local filters = { "", "&year=2021", "&kind=%E9%80%9A%E7%9F%A5", "" }

local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local encoded = {}
for i, q in ipairs(queries) do encoded[i] = enc(q) end

request = function()
  local q = encoded[math.random(#encoded)]
  local f = filters[math.random(#filters)]
  return wrk.format("GET", "/api/v1/search?q=" .. q .. f .. "&limit=20")
end

-- DUBAN_THINK_MS: each client waits that long on average (exponentially distributed) before
-- its next request, as people do between searches; unset, clients send back to back.
local think = tonumber(os.getenv("DUBAN_THINK_MS") or "") or 0
if think > 0 then
  delay = function() return math.floor(-think * math.log(1 - math.random())) end
end
