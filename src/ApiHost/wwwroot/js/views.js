// Rendering of the market and account panels from plain data.

import { $, el, fillTable, setText, time, dateTime } from "./dom.js";

export function renderLadder(book, ownPrices, onPick) {
  const asks = book.asks;
  const bids = book.bids;
  const cumulative = levels => {
    let total = 0;
    return levels.map(level => (total += Number(level.quantity)));
  };
  const askTotals = cumulative(asks);
  const bidTotals = cumulative(bids);
  const largest = Math.max(askTotals.at(-1) ?? 0, bidTotals.at(-1) ?? 0, Number.MIN_VALUE);
  const row = (level, side, total) => {
    const button = el("button", {
      type: "button",
      class: `level ${side}${ownPrices.has(`${side}:${level.price}`) ? " mine" : ""}`,
      "data-price": level.price,
      "data-quantity": level.quantity,
      "aria-label": `${side === "ask" ? "Ask" : "Bid"} ${level.price} USD, ${level.quantity} kWh, ${level.orders} orders: use this price`,
      onclick: () => onPick(level.price, side),
    },
    el("span", { class: "price" }, level.price), el("span", {}, level.quantity), el("span", {}, level.orders));
    button.style.setProperty("--depth", String(total / largest));
    return button;
  };
  // Asks read downwards towards the spread, so the best (lowest) is drawn last.
  $("asks").replaceChildren(...asks.map((level, i) => row(level, "ask", askTotals[i])).reverse());
  $("bids").replaceChildren(...bids.map((level, i) => row(level, "bid", bidTotals[i])));
  setText("spread", book.spread === null || book.spread === undefined ? "Spread —" : `Spread ${book.spread}`);
  setText("book-sequence", `#${book.sequence}`);
}

export function renderTicker(ticker, book) {
  setText("ticker-last", ticker?.last_price ?? "—");
  const change = ticker?.change_percent_24h;
  const changeNode = $("ticker-change");
  changeNode.textContent = change === null || change === undefined ? "—" : `${change}%`;
  changeNode.className = change === null || change === undefined ? "" : String(change).startsWith("-") ? "down" : "up";
  setText("ticker-bid", book?.best_bid ?? ticker?.best_bid ?? "—");
  setText("ticker-ask", book?.best_ask ?? ticker?.best_ask ?? "—");
  setText("ticker-high", ticker?.high_24h ?? "—");
  setText("ticker-low", ticker?.low_24h ?? "—");
  setText("ticker-volume", ticker?.volume_24h ?? "—");
}

export function renderTape(trades) {
  const rows = trades.map(trade => {
    // The taker's side: a sell maker means a buyer took it.
    const taker = trade.maker_side === "sell" ? "buy" : "sell";
    return el("tr", { "data-trade-id": trade.trade_id },
      el("td", {}, time(trade.executed_at)), el("td", { class: taker }, trade.price), el("td", {}, trade.quantity));
  });
  fillTable("trades", rows, "No trades yet.", 3);
}

export function renderLegend(candle, interval) {
  const legend = $("candle-legend");
  if (!candle) {
    legend.textContent = "No trades yet.";
    delete legend.dataset.close;
    return;
  }
  const opened = new Date(candle.time * 1000).toISOString().slice(11, 16);
  legend.textContent = `${interval} ${opened}  O ${candle.open}  H ${candle.high}  L ${candle.low}  C ${candle.close}  V ${+candle.volume.toFixed(6)}`;
  legend.dataset.time = String(candle.time);
  legend.dataset.close = String(candle.close);
  legend.dataset.volume = String(+candle.volume.toFixed(6));
}

/** Rows available / reserved / total, a column per asset (amounts carry many decimals: two columns fit a phone). */
export function renderBalances(account) {
  const rows = ["available", "reserved", "total"].map(part => el("tr", { "data-part": part },
    el("th", { scope: "row" }, part[0].toUpperCase() + part.slice(1)),
    ...["USD", "KWH"].map(asset => el("td", { "data-asset": asset }, account?.balances?.[asset]?.[part] ?? "—"))));
  fillTable("balances", rows, "", 3);
}

export function renderOpenOrders(orders, onCancel) {
  const rows = orders.map(order => el("tr", { class: order.side, "data-order-id": order.order_id },
    el("td", { title: order.order_id }, order.order_id),
    el("td", { class: "side" }, order.side),
    el("td", {}, order.price ?? "market"),
    el("td", {}, order.quantity),
    el("td", {}, order.filled_quantity),
    el("td", { class: "status" }, order.status.replace("_", " ")),
    el("td", {}, el("button", {
      type: "button",
      class: "cancel",
      "aria-label": `Cancel order ${order.order_id}`,
      onclick: event => onCancel(order, event.currentTarget),
    }, "Cancel"))));
  fillTable("open-orders", rows, "No open orders.", 7);
}

export function renderFills(fills) {
  const rows = fills.map(fill => el("tr", { class: fill.role, "data-trade-id": fill.trade_id },
    el("td", {}, dateTime(fill.executed_at)), el("td", {}, fill.trade_id), el("td", { class: "role" }, fill.role),
    el("td", {}, fill.price), el("td", {}, fill.quantity)));
  fillTable("fills", rows, "No fills yet.", 5);
}

export function renderLedger(entries) {
  const rows = entries.map(entry => el("tr", { "data-entry-id": entry.entry_id },
    el("td", {}, dateTime(entry.at)), el("td", {}, entry.asset), el("td", {}, entry.kind),
    el("td", {}, entry.available_delta), el("td", {}, entry.reserved_delta), el("td", {}, entry.reference)));
  fillTable("ledger", rows, "No ledger entries yet.", 6);
}
