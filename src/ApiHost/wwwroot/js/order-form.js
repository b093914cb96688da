// Order entry: what the order will reserve (API.md "Reservations") is shown before it is sent, computed exactly from
// the decimal strings: a limit buy reserves price × quantity × (1 + fee rate) USD, a sell its quantity in KWH, a market
// buy prices itself at the deepest ask level its quantity reaches on the book.

import * as decimal from "./decimal.js";

/** API.md's default GridTokenX__Settlement__FeeRate, until the page has seen the host's own rate in a reservation. */
export const defaultFeeRate = "0.01";

/** The fee rate a limit buy's reservation implies (reserved = price × quantity × (1 + f), f with at most 4 decimals). */
export function feeRateFromReservation(order, reserved) {
  const price = decimal.parse(order.price);
  const quantity = decimal.parse(order.quantity);
  const amount = decimal.parse(reserved);
  if (!price || !quantity || !amount) return null;
  const value = decimal.multiply(price, quantity);
  if (!decimal.isPositive(value)) return null;
  // f × 10^4 = (amount / value − 1) × 10^4; exact only if the division is.
  const scale = 4;
  const numerator = amount.units * 10n ** BigInt(value.scale + scale);
  const denominator = value.units * 10n ** BigInt(amount.scale);
  if (numerator % denominator !== 0n) return null;
  const rate = { units: numerator / denominator - 10n ** BigInt(scale), scale };
  return rate.units < 0n ? null : decimal.toString(rate);
}

/** The deepest ask level a market buy of `quantity` would reach, or the last level when the book is shallower. */
function marketBuyPrice(book, quantity) {
  let remaining = quantity;
  let price = null;
  for (const level of book?.asks ?? []) {
    price = level.price;
    remaining = decimal.subtract(remaining, decimal.parse(level.quantity));
    if (!decimal.isPositive(remaining)) return { price, shallow: false };
  }
  return price === null ? null : { price, shallow: true };
}

/**
 * @returns {{ text: string, amount?: string, asset?: string }} what the order would reserve, as text for the form.
 */
export function describeReservation({ side, type, price, quantity }, market, book, feeRate, feeRateKnown) {
  const qty = decimal.parse(quantity);
  if (!qty || !decimal.isPositive(qty)) return { text: "Enter a quantity." };
  if (market && !decimal.isMultipleOf(quantity, market.lot_size)) return { text: `Quantity must be a multiple of the lot size ${market.lot_size}.` };
  if (side === "sell") return { text: `Reserves ${decimal.toString(qty)} KWH until it fills or is cancelled.`, amount: decimal.toString(qty), asset: "KWH" };

  const fee = decimal.parse(feeRate);
  const onePlusFee = decimal.add({ units: 1n, scale: 0 }, fee);
  const feeNote = feeRateKnown ? `fee rate ${feeRate}` : `fee rate ${feeRate}, the API's default`;
  let limit;
  let note = "";
  if (type === "market") {
    const reach = marketBuyPrice(book, qty);
    if (!reach) return { text: "No asks on the book: a market buy would be cancelled (no_liquidity) and reserve nothing." };
    limit = reach.price;
    note = reach.shallow
      ? ` (priced at the deepest ask ${reach.price}; the book is shallower than the quantity, the rest is cancelled)`
      : ` (priced at the deepest ask it reaches now, ${reach.price}; the book may move before it arrives)`;
  } else {
    const parsedPrice = decimal.parse(price);
    if (!parsedPrice || !decimal.isPositive(parsedPrice)) return { text: "Enter a price." };
    if (market && !decimal.isMultipleOf(price, market.tick_size)) return { text: `Price must be a multiple of the tick size ${market.tick_size}.` };
    limit = price;
  }
  const amount = decimal.toString(decimal.multiply(decimal.multiply(decimal.parse(limit), qty), onePlusFee));
  return { text: `Reserves ${amount} USD = ${limit} × ${decimal.toString(qty)} × (1 + ${feeRate})${note}; ${feeNote}. What is not spent is released.`, amount, asset: "USD" };
}
