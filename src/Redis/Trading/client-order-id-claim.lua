-- KEYS[1] gtx:client-order-ids:{user}; ARGV[1] client_order_id, ARGV[2] symbol. Returns the owning symbol.
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if owner then
  return owner
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return ARGV[2]
