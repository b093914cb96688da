-- KEYS[1] gtx:lock:{resource}, KEYS[2] gtx:fence-node, KEYS[3] gtx:fence:{resource}; ARGV[1] the lock value,
-- ARGV[2] the time to live in ms. One lock node only: the lock and its fencing token in one round trip. With a single
-- node the majority is that node and this script is atomic on it, so the token is minted after the previous holder's
-- lock is gone from it, hence after that holder's token was written here: no ordering across nodes to respect.
-- Returns { 0, '' } when the lock is held by another, { 1, token } when taken with a token, and { 1, '' } when taken
-- but the node is not trusted yet (a new or emptied node): the caller mints through the full path, which handles it.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return { 0, '' }
end
if redis.call('GET', KEYS[2]) ~= 'original' then
  return { 1, '' }
end
local token = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'KEEPTTL')
return { 1, tostring(token) }
