-- KEYS[1] gtx:fence-node (this node's sentinel: 'original' or 'reborn:{id}'), KEYS[2] gtx:fence:{resource}.
-- Returns { sentinel or '', counter or '' }.
local sentinel = redis.call('GET', KEYS[1]) or ''
local counter = redis.call('GET', KEYS[2]) or ''
return { sentinel, counter }
