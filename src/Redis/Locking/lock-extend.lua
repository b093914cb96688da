-- KEYS[1] gtx:lock:{resource}; ARGV[1] the holder's random value, ARGV[2] the new time to live in ms.
-- Extends the lock only if this holder still owns it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
