// Exact decimal arithmetic for money shown before it is sent (reservations): amounts are decimal strings on the
// wire and must never pass through binary floating point. A value is { units: BigInt, scale: number } = units / 10^scale.

const pattern = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses "12.3400" or "-0.5"; null when the text is not a plain decimal. */
export function parse(text) {
  const match = pattern.exec(String(text ?? "").trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return null;
  const fraction = match[3] ?? "";
  const units = BigInt((match[2] || "0") + fraction);
  return { units: match[1] === "-" ? -units : units, scale: fraction.length };
}

export function multiply(a, b) {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

function align(a, b) {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a, b) {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
}

export function subtract(a, b) {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

export function compare(a, b) {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isPositive(a) {
  return a.units > 0n;
}

/** Exact text, trailing fractional zeros dropped ("1.2500" → "1.25"). */
export function toString(a) {
  const negative = a.units < 0n;
  let digits = (negative ? -a.units : a.units).toString();
  if (a.scale > 0) {
    digits = digits.padStart(a.scale + 1, "0");
    const whole = digits.slice(0, digits.length - a.scale);
    const fraction = digits.slice(digits.length - a.scale).replace(/0+$/, "");
    digits = fraction ? `${whole}.${fraction}` : whole;
  }
  return (negative && digits !== "0" ? "-" : "") + digits;
}

/** Decimals of a step such as a tick size ("0.0001" → 4). */
export function decimalsOf(step) {
  const value = parse(step);
  return value ? toString(value).split(".")[1]?.length ?? 0 : 0;
}

/** True when text is a multiple of step (both decimal strings). */
export function isMultipleOf(text, step) {
  const value = parse(text);
  const unit = parse(step);
  if (!value || !unit || unit.units === 0n) return false;
  const [x, y] = align(value, unit);
  return x % y === 0n;
}
