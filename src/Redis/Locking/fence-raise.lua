-- KEYS[1] gtx:fence-node, KEYS[2] gtx:fence:{resource}; ARGV[1] the proposed token, ARGV[2] the sentinel to set if
-- the node has none ('original' on a new cluster, else 'reborn:{id}': it lost its data). Raises the counter to the
-- token only if it is below it, so that of two minters proposing the same token a node grants one; returns 1 if raised.
if not redis.call('GET', KEYS[1]) then
  redis.call('SET', KEYS[1], ARGV[2])
end
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local proposed = tonumber(ARGV[1])
if current < proposed then
  redis.call('SET', KEYS[2], ARGV[1])
  return 1
end
return 0
