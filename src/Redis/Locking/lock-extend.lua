-- KEYS[1] gtx:lock:{resource}; ARGV[1] the holder's lock value (as set), ARGV[2] the new time to live in ms.
-- Extends the lock only if this holder still owns it (its value, or its value with the fencing token appended).
local v = redis.call('GET', KEYS[1])
if v and (v == ARGV[1] or string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. '|') then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
