-- KEYS: lock keys found by a scan. Returns, for each, { value or '', remaining ms (PTTL: -2 gone, -1 no expiry) }.
local out = {}
for i, key in ipairs(KEYS) do
  out[2 * i - 1] = redis.call('GET', key) or ''
  out[2 * i] = redis.call('PTTL', key)
end
return out
