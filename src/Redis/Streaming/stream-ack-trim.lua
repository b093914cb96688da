-- Acknowledges delivered entries of one queue's stream and trims what no one can need any more, atomically.
-- KEYS[1] the queue's stream; ARGV[1] consumer group; ARGV[2..] entry ids Orleans reported delivered.
-- Everything below the oldest pending entry (or, with nothing pending, below the group's last-delivered id) has been
-- read and acknowledged, so it goes. This assumes the group is the only reader of the stream.
-- Returns { acknowledged, pending, lag (-1 when Redis cannot tell), length after trimming }.
local acked = 0
local i = 2
while i <= #ARGV do
  local last = math.min(i + 499, #ARGV)
  acked = acked + redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, last))
  i = last + 1
end

local summary = redis.call('XPENDING', KEYS[1], ARGV[1])
local pending = summary[1]
local floor = nil
local lag = -1
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
for _, group in ipairs(groups) do
  local fields = {}
  for f = 1, #group, 2 do fields[group[f]] = group[f + 1] end
  if fields['name'] == ARGV[1] then
    if type(fields['lag']) == 'number' then lag = fields['lag'] end
    floor = fields['last-delivered-id']
  end
end
if pending > 0 then floor = summary[2] end

if floor and floor ~= '0-0' then
  redis.call('XTRIM', KEYS[1], 'MINID', floor)
end
return { acked, pending, lag, redis.call('XLEN', KEYS[1]) }
