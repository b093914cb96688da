-- Applies a batch of money writes (money-decimal.lua is prepended). Each write is all-or-nothing and independent of
-- the others: everything is checked against a scratch copy first, and only a write that passes every check is
-- stored. Redis runs a script alone, so no reader sees part of a write and the totals always match the accounts.
-- KEYS[1] operations hash (id -> fingerprint and result), KEYS[2] totals hash (t:ASSET account totals, s:ASSET
-- sources), KEYS[3] account id set, KEYS[4] reservation due sorted set, KEYS[5] reservation records hash; then per
-- account of the payload, in its order: account hash, ledger hash, fence hash, one ledger index sorted set per asset.
-- ARGV[1] the batch as JSON (amounts are decimal strings, times unix milliseconds as strings; per write, tot holds
-- its non-zero net change per asset).
-- Returns per write {status, result, failed account, failed asset, {entry id, available after, reserved after, ...}}.
local batch = cjson.decode(ARGV[1])
local assets = batch.assets
local per_account = 3 + #assets
local asset_index = {}
for i, asset in ipairs(assets) do asset_index[asset] = i end

local function account_keys(i)
  local base = 5 + (i - 1) * per_account
  return KEYS[base + 1], KEYS[base + 2], KEYS[base + 3], base + 3
end

local function res_field(account, order)
  return #account .. ':' .. account .. order
end

local function stored_op(value)
  local colon = string.find(value, ':', 1, true)
  local len = tonumber(string.sub(value, 1, colon - 1))
  return string.sub(value, colon + 1, colon + len), string.sub(value, colon + len + 1)
end

local out = {}
for _, w in ipairs(batch.writes) do
  local accounts = batch.accounts
  local existing = redis.call('HGET', KEYS[1], w.op)
  if existing then
    local fp, result = stored_op(existing)
    local status = 'duplicate'
    if fp ~= w.fp then status = 'conflict' end
    table.insert(out, {status, result, '', '', {}})
  else
    local failure = nil
    -- Fences: an account refuses a token older than one it accepted for the same lock.
    for _, f in ipairs(w.fences) do
      local _, _, fence_key = account_keys(f[1])
      local seen = redis.call('HGET', fence_key, f[2])
      if seen and dec_cmp(seen, f[3]) > 0 then
        failure = {'stale', '', accounts[f[1]], ''}
        break
      end
    end
    -- Balances after each leg, on a scratch copy: nothing is stored unless every leg and reservation passes.
    local balances = {}
    local function balance(i, asset)
      local id = i .. '|' .. asset
      local b = balances[id]
      if not b then
        local acct = account_keys(i)
        local v = redis.call('HMGET', acct, 'a:' .. asset, 'r:' .. asset)
        b = {i = i, asset = asset, a = v[1] or '0', r = v[2] or '0'}
        balances[id] = b
      end
      return b
    end
    local afters = {}
    if not failure then
      for n, leg in ipairs(w.legs) do
        local b = balance(leg[1], leg[2])
        b.a = dec_add(b.a, leg[4])
        b.r = dec_add(b.r, leg[5])
        if dec_is_negative(b.a) or dec_is_negative(b.r) then
          failure = {'insufficient', '', accounts[leg[1]], leg[2]}
          break
        end
        afters[n] = {b.a, b.r}
      end
    end
    local records = {}
    if not failure then
      for _, rc in ipairs(w.resv) do
        local field = res_field(accounts[rc[1]], rc[2])
        local rec = records[field]
        if not rec then
          local v = redis.call('HGET', KEYS[5], field)
          if v then
            local a, rem, created = string.match(v, '^([^|]*)|([^|]*)|(.*)$')
            rec = {asset = a, remaining = rem, created = created}
          else
            rec = {asset = rc[3], remaining = '0', created = w.at}
          end
          records[field] = rec
        end
        rec.remaining = dec_add(rec.remaining, rc[4])
        if dec_is_negative(rec.remaining) then
          failure = {'insufficient', '', accounts[rc[1]], rec.asset}
          break
        end
      end
    end

    if failure then
      table.insert(out, {failure[1], '', failure[3], failure[4], {}})
    else
      local touched = {}
      for _, f in ipairs(w.fences) do
        local _, _, fence_key = account_keys(f[1])
        redis.call('HSET', fence_key, f[2], f[3])
        touched[f[1]] = true
      end
      for _, b in pairs(balances) do
        local acct = account_keys(b.i)
        redis.call('HSET', acct, 'a:' .. b.asset, b.a, 'r:' .. b.asset, b.r)
      end
      local entries = {}
      for n, leg in ipairs(w.legs) do
        local acct, ledger, _, index_base = account_keys(leg[1])
        local id = redis.call('HINCRBY', acct, 'seq', 1)
        local after = afters[n]
        redis.call('HSET', ledger, id, table.concat({leg[2], leg[3], leg[4], leg[5], after[1], after[2], w.at, leg[6]}, '|'))
        redis.call('ZADD', KEYS[index_base + asset_index[leg[2]]], id, id)
        table.insert(entries, tostring(id))
        table.insert(entries, after[1])
        table.insert(entries, after[2])
        touched[leg[1]] = true
      end
      for field, rec in pairs(records) do
        if not string.find(rec.remaining, '[1-9]') then
          redis.call('HDEL', KEYS[5], field)
          redis.call('ZREM', KEYS[4], field)
        else
          local exists = redis.call('HEXISTS', KEYS[5], field)
          redis.call('HSET', KEYS[5], field, rec.asset .. '|' .. rec.remaining .. '|' .. rec.created)
          -- A new reservation counts as checked when it was made.
          if exists == 0 then redis.call('ZADD', KEYS[4], rec.created, field) end
        end
      end
      for _, rc in ipairs(w.resv) do touched[rc[1]] = true end
      -- The write's net change per asset across all accounts (summed by the caller, exactly; a transfer nets to zero
      -- and is not sent): one update per asset instead of one per leg.
      for _, t in ipairs(w.tot) do
        redis.call('HSET', KEYS[2], 't:' .. t[1], dec_add(redis.call('HGET', KEYS[2], 't:' .. t[1]) or '0', t[2]))
      end
      for _, s in ipairs(w.src) do
        redis.call('HSET', KEYS[2], 's:' .. s[1], dec_add(redis.call('HGET', KEYS[2], 's:' .. s[1]) or '0', s[2]))
      end
      for i in pairs(touched) do
        local acct = account_keys(i)
        redis.call('HSET', acct, 'at', w.at)
        redis.call('SADD', KEYS[3], accounts[i])
      end
      redis.call('HSET', KEYS[1], w.op, #w.fp .. ':' .. w.fp .. w.res)
      table.insert(out, {'applied', w.res, '', '', entries})
    end
  end
end
return out
