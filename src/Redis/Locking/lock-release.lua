-- KEYS[1] gtx:lock:{resource}; ARGV[1] the holder's random value. Deletes the lock only if this holder still owns it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
