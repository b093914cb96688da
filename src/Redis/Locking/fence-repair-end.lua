-- KEYS[1] gtx:fence-node; ARGV[1] the 'reborn:{id}' the repair began with. Trusts the node for every resource only if
-- it is still that incarnation: one that lost its data again during the copy has no sentinel, and stays untrusted.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], 'original')
  return 1
end
return 0
