-- Appends one batch to a market journal, guarded by the head sequence, and optionally stores a checkpoint (state
-- snapshot plus one history segment) and trims the batches it covers, all atomically.
-- KEYS[1] journal stream, KEYS[2] head, KEYS[3] snapshot hash, KEYS[4] history list, KEYS[5] live-items hash,
-- KEYS[6] published head
-- ARGV[1] expected head, ARGV[2] new head, ARGV[3] batch bytes, ARGV[4] published head, ARGV[5] '1' when a
-- checkpoint follows, ARGV[6] checkpoint sequence, ARGV[7] checkpoint state bytes, ARGV[8] history segment bytes,
-- ARGV[9] history segments to keep, the new one included ('' keeps all: the older ones were trimmed from memory
-- because the read model holds them), ARGV[10] number of upserts U, ARGV[11 .. 10+2U] upserted field/value pairs,
-- then every remaining ARGV is a field to delete.
-- Returns -1 on success, otherwise the current head (the caller lost ownership of the stream).
local head = tonumber(redis.call('GET', KEYS[2]) or '0')
if head ~= tonumber(ARGV[1]) then
  return head
end
redis.call('XADD', KEYS[1], ARGV[2] .. '-0', 'd', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2])
if tonumber(ARGV[4]) > tonumber(redis.call('GET', KEYS[6]) or '0') then
  redis.call('SET', KEYS[6], ARGV[4])
end
if ARGV[5] == '1' then
  redis.call('HSET', KEYS[3], 'seq', ARGV[6], 'data', ARGV[7])
  redis.call('RPUSH', KEYS[4], ARGV[8])
  if ARGV[9] ~= '' then
    local kept = tonumber(ARGV[9])
    if kept <= 0 then
      redis.call('DEL', KEYS[4])
    else
      redis.call('LTRIM', KEYS[4], -kept, -1)
    end
  end
  local upserts = tonumber(ARGV[10])
  local i = 11
  for _ = 1, upserts do
    redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1])
    i = i + 2
  end
  while i <= #ARGV do
    redis.call('HDEL', KEYS[5], ARGV[i])
    i = i + 1
  end
  -- Batches up to and including the checkpoint's head are no longer needed to rebuild state.
  redis.call('XTRIM', KEYS[1], 'MINID', tostring(tonumber(ARGV[6]) + 1) .. '-0')
end
return -1
