-- Exact decimal arithmetic on decimal strings ("-12.3400"), because Lua numbers are doubles and money is never
-- rounded. A value is split into sign, digits (no point) and scale; sums have the larger operand's scale and keep
-- trailing zeros, exactly like System.Decimal addition, so decimal.Parse of a result equals C#'s own sum. Digits are
-- added in chunks of 9, far below 2^53, so every intermediate Lua number is an exact integer.

local function dec_parse(s)
  local neg = false
  if string.sub(s, 1, 1) == '-' then
    neg = true
    s = string.sub(s, 2)
  end
  local point = string.find(s, '.', 1, true)
  local int, frac
  if point then
    int = string.sub(s, 1, point - 1)
    frac = string.sub(s, point + 1)
  else
    int = s
    frac = ''
  end
  if int == '' then int = '0' end
  if not string.find(int, '^%d+$') or (frac ~= '' and not string.find(frac, '^%d+$')) then
    error('not a decimal: ' .. s)
  end
  return neg, int, frac
end

-- Aligns two magnitudes to the same scale and length, so they compare as strings.
local function dec_align(ai, af, bi, bf)
  local scale = math.max(#af, #bf)
  af = af .. string.rep('0', scale - #af)
  bf = bf .. string.rep('0', scale - #bf)
  local a = ai .. af
  local b = bi .. bf
  local len = math.max(#a, #b)
  a = string.rep('0', len - #a) .. a
  b = string.rep('0', len - #b) .. b
  return a, b, scale
end

-- a + b (sign 1) or a - b (sign -1, a >= b), magnitudes of the same length, 9 digits at a time.
local function mag_combine(a, b, sign)
  local out = {}
  local carry = 0
  local i = #a
  while i >= 1 do
    local from = math.max(1, i - 8)
    local width = i - from + 1
    local limit = 10 ^ width
    local v = tonumber(string.sub(a, from, i)) + sign * tonumber(string.sub(b, from, i)) + carry
    carry = 0
    if v >= limit then
      carry = 1
      v = v - limit
    elseif v < 0 then
      carry = -1
      v = v + limit
    end
    table.insert(out, 1, string.format('%0' .. width .. '.0f', v))
    i = from - 1
  end
  if carry > 0 then table.insert(out, 1, '1') end
  return table.concat(out)
end

local function dec_format(neg, digits, scale)
  local int = string.sub(digits, 1, #digits - scale)
  local frac = string.sub(digits, #digits - scale + 1)
  int = string.gsub(int, '^0+', '')
  if int == '' then int = '0' end
  local zero = not string.find(int .. frac, '[1-9]')
  local s = int
  if scale > 0 then s = s .. '.' .. frac end
  if neg and not zero then s = '-' .. s end
  return s
end

-- a + b, exactly
local function dec_add(x, y)
  local an, ai, af = dec_parse(x)
  local bn, bi, bf = dec_parse(y)
  local a, b, scale = dec_align(ai, af, bi, bf)
  if an == bn then
    return dec_format(an, mag_combine(a, b, 1), scale)
  end
  if a >= b then
    return dec_format(an, mag_combine(a, b, -1), scale)
  end
  return dec_format(bn, mag_combine(b, a, -1), scale)
end

local function dec_neg(x)
  if string.sub(x, 1, 1) == '-' then return string.sub(x, 2) end
  return '-' .. x
end

-- a - b, exactly
local function dec_sub(x, y)
  return dec_add(x, dec_neg(y))
end

-- -1, 0 or 1 as a compares to b
local function dec_cmp(x, y)
  local an, ai, af = dec_parse(x)
  local bn, bi, bf = dec_parse(y)
  local a, b = dec_align(ai, af, bi, bf)
  local azero = not string.find(a, '[1-9]')
  local bzero = not string.find(b, '[1-9]')
  if azero then an = false end
  if bzero then bn = false end
  if an ~= bn then
    if an then return -1 end
    return 1
  end
  local c = 0
  if a < b then c = -1 elseif a > b then c = 1 end
  if an then c = -c end
  return c
end

-- For results of dec_format only (every balance and remainder the scripts test is one): it writes a '-' only in front
-- of a value that is not zero, so the first byte decides, without parsing.
local function dec_is_negative(x)
  return string.byte(x, 1) == 45
end
