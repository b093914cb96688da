-- KEYS[1] gtx:fence-node, KEYS[2] gtx:fence:{resource}, KEYS[3] gtx:lock:{resource}; ARGV[1] this acquisition's lock
-- value. The optimistic mint, run once the lock is held on a majority: on a node trusted for every resource
-- ('original'), raises the counter by one and returns it; a majority returning the same value is a token written to
-- a majority (FenceMinter). Any other node is left untouched: a counter on a reborn node must only ever hold a token
-- that was handed out, or the repair's trust rule breaks. Returns { 1, counter } when raised, { 0, '' } otherwise.
-- Where this acquisition holds the lock, the token is appended to its value (TTL kept) for the admin view.
if redis.call('GET', KEYS[1]) ~= 'original' then
  return { 0, '' }
end
local token = redis.call('INCR', KEYS[2])
if redis.call('GET', KEYS[3]) == ARGV[1] then
  redis.call('SET', KEYS[3], ARGV[1] .. '|' .. token, 'KEEPTTL')
end
return { 1, tostring(token) }
