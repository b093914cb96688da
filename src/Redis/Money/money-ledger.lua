-- One page of an account's ledger, newest first, in one round trip. Entry ids are 1..seq with no gaps, so without an
-- asset filter the page is a run of ids; with one, the asset's index (score = entry id) gives them.
-- KEYS[1] account hash, KEYS[2] ledger hash, KEYS[3] the asset's ledger index ('' filter: unused)
-- ARGV[1] asset filter or '', ARGV[2] limit, ARGV[3] before (exclusive entry id) or ''
-- Returns {entry id, entry, ...}
local limit = tonumber(ARGV[2])
local ids
if ARGV[1] == '' then
  local top = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
  if ARGV[3] ~= '' then top = math.min(top, tonumber(ARGV[3]) - 1) end
  ids = {}
  local id = top
  while id >= 1 and #ids < limit do
    table.insert(ids, id)
    id = id - 1
  end
else
  local max = '+inf'
  if ARGV[3] ~= '' then max = '(' .. ARGV[3] end
  ids = redis.call('ZREVRANGEBYSCORE', KEYS[3], max, '-inf', 'LIMIT', 0, limit)
end
if #ids == 0 then return {} end
local entries = redis.call('HMGET', KEYS[2], unpack(ids))
local out = {}
for i, id in ipairs(ids) do
  table.insert(out, tostring(id))
  table.insert(out, entries[i])
end
return out
