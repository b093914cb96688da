-- KEYS: fence counters; ARGV: their values, in the same order. Raises each counter to its value (never lowers one).
for i, key in ipairs(KEYS) do
  local current = tonumber(redis.call('GET', key) or '0')
  if current < tonumber(ARGV[i]) then
    redis.call('SET', key, ARGV[i])
  end
end
return #KEYS
