-- Appends one batch to a market journal, guarded by the head sequence, and optionally stores a checkpoint (state
-- snapshot plus one history segment) and trims the batches it covers, all atomically.
-- KEYS[1] journal stream, KEYS[2] head, KEYS[3] snapshot hash, KEYS[4] history list, KEYS[5] live-items hash
-- ARGV[1] expected head, ARGV[2] new head, ARGV[3] batch bytes, ARGV[4] '1' when a checkpoint follows,
-- ARGV[5] checkpoint state bytes, ARGV[6] history segment bytes, ARGV[7] number of upserts U,
-- ARGV[8 .. 7+2U] upserted field/value pairs, then every remaining ARGV is a field to delete.
-- Returns -1 on success, otherwise the current head (the caller lost ownership of the stream).
local head = tonumber(redis.call('GET', KEYS[2]) or '0')
if head ~= tonumber(ARGV[1]) then
  return head
end
redis.call('XADD', KEYS[1], ARGV[2] .. '-0', 'd', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[3], 'seq', ARGV[2], 'data', ARGV[5])
  redis.call('RPUSH', KEYS[4], ARGV[6])
  local upserts = tonumber(ARGV[7])
  local i = 8
  for _ = 1, upserts do
    redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1])
    i = i + 2
  end
  while i <= #ARGV do
    redis.call('HDEL', KEYS[5], ARGV[i])
    i = i + 1
  end
  -- Batches up to and including the snapshot's head are no longer needed to rebuild state.
  redis.call('XTRIM', KEYS[1], 'MINID', tostring(tonumber(ARGV[2]) + 1) .. '-0')
end
return -1
