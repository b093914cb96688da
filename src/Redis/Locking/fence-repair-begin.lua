-- KEYS[1] gtx:fence-node; ARGV[1] 'reborn:{id}'. Marks a node without a sentinel as reborn; returns the sentinel.
if not redis.call('GET', KEYS[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
end
return redis.call('GET', KEYS[1])
