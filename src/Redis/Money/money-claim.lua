-- Hands out reservations due for a check and marks them checked now, in one step, so concurrent sweepers never
-- get the same reservation in the same round.
-- KEYS[1] reservation due sorted set (score: last check, unix ms), KEYS[2] reservation records hash
-- ARGV[1] checked-before (exclusive, unix ms), ARGV[2] now (unix ms), ARGV[3] max
-- Returns {field, record, ...}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, field in ipairs(due) do
  local record = redis.call('HGET', KEYS[2], field)
  if record then
    redis.call('ZADD', KEYS[1], ARGV[2], field)
    table.insert(out, field)
    table.insert(out, record)
  else
    redis.call('ZREM', KEYS[1], field)
  end
end
return out
