-- Acknowledges delivered entries of one queue's stream and trims what no one can need any more, atomically.
-- KEYS[1] the queue's stream; ARGV[1] consumer group; ARGV[2] retention in ms; ARGV[3..] entry ids Orleans reported
-- delivered. Everything below the oldest pending entry (or, with nothing pending, below the group's last-delivered id)
-- has been read and acknowledged; of that, what is older than the retention goes. The retention lets a subscriber
-- whose subscription Orleans dropped catch up from Redis (RedisStreamCatchUp). This assumes the group is the only
-- reader of the stream.
-- Returns { acknowledged, pending, lag (-1 when Redis cannot tell), length after trimming }.
local acked = 0
local retention = tonumber(ARGV[2])
local i = 3
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

if floor and retention > 0 then
  local now = redis.call('TIME')
  local keepFrom = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - retention
  local floorMs = tonumber(string.match(floor, '^(%d+)'))
  if floorMs > keepFrom then floor = string.format('%d-0', keepFrom) end
end

if floor and floor ~= '0-0' then
  redis.call('XTRIM', KEYS[1], 'MINID', floor)
end
return { acked, pending, lag, redis.call('XLEN', KEYS[1]) }
