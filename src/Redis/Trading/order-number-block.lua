-- KEYS[1] gtx:order-numbers:{symbol}: the last number handed out. ARGV[1] floor, ARGV[2] block size.
-- Returns the first number of the new block. Numbers stay below 2^53, so Lua's doubles hold them exactly.
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local first = math.max(last + 1, tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%d', first + tonumber(ARGV[2]) - 1))
return first
