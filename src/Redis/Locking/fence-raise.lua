-- KEYS[1] gtx:fence-node, KEYS[2] gtx:fence:{resource}, KEYS[3] gtx:lock:{resource}; ARGV[1] the proposed token,
-- ARGV[2] the sentinel to set if the node has none ('original' on a new cluster, else 'reborn:{id}': it lost its data),
-- ARGV[3] this acquisition's lock value. Raises the counter to the token only if it is below it, so that of two
-- minters proposing the same token a node grants one; returns 1 if raised.
-- Where this acquisition holds the lock, the token is appended to its value (TTL kept) for the admin view: in this
-- round trip, so listing held locks costs the acquire path nothing.
if not redis.call('GET', KEYS[1]) then
  redis.call('SET', KEYS[1], ARGV[2])
end
if redis.call('GET', KEYS[3]) == ARGV[3] then
  redis.call('SET', KEYS[3], ARGV[3] .. '|' .. ARGV[1], 'KEEPTTL')
end
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local proposed = tonumber(ARGV[1])
if current < proposed then
  redis.call('SET', KEYS[2], ARGV[1])
  return 1
end
return 0
