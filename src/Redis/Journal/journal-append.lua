-- Appends one batch to a market journal, guarded by the head sequence, and optionally stores a snapshot and trims
-- what it covers, all atomically.
-- KEYS[1] journal stream, KEYS[2] head, KEYS[3] snapshot hash
-- ARGV[1] expected head, ARGV[2] new head, ARGV[3] batch bytes, ARGV[4] '1' when a snapshot follows, ARGV[5] snapshot bytes
-- Returns -1 on success, otherwise the current head (the caller lost ownership of the stream).
local head = tonumber(redis.call('GET', KEYS[2]) or '0')
if head ~= tonumber(ARGV[1]) then
  return head
end
redis.call('XADD', KEYS[1], ARGV[2] .. '-0', 'd', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[3], 'seq', ARGV[2], 'data', ARGV[5])
  -- Batches up to and including the snapshot's head are no longer needed to rebuild state.
  redis.call('XTRIM', KEYS[1], 'MINID', tostring(tonumber(ARGV[2]) + 1) .. '-0')
end
return -1
