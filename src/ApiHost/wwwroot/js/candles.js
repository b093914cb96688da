// Candles for the chart: from GET …/candles when the host serves it, otherwise built here from GET …/trades; either
// way extended live by trade_executed events. Prices become numbers only here, for drawing.

import * as api from "./api.js";

export const intervals = Object.freeze({ "1m": 60, "5m": 300, "1h": 3600 });

/** Set when this host answered 404 for the candles route (a host without the read model's routes). */
let routeMissing = false;

const toSeconds = iso => Math.floor(Date.parse(iso) / 1000);

export class CandleSeries {
  /** "route" once GET …/candles answered, "trades" when it is not served (404) and candles come from trades. */
  source = null;
  candles = [];
  #seen = new Set();

  constructor(interval) {
    this.interval = interval;
    this.seconds = intervals[interval];
  }

  async load(symbol) {
    this.candles = [];
    this.#seen.clear();
    let fromRoute = null;
    this.source = "trades";
    if (!routeMissing) {
      try {
        fromRoute = await api.candles(symbol, this.interval, 500);
        this.source = "route";
      } catch (error) {
        if (error.status !== 404 || error.code === "unknown_symbol") throw error;
        // Asked once per page load: the browser logs every 404 it gets.
        routeMissing = true;
      }
    }
    const trades = (await api.marketTrades(symbol, 1000)).reverse();
    if (fromRoute) {
      this.candles = fromRoute.map(row => ({
        time: toSeconds(row.open_time),
        open: Number(row.open),
        high: Number(row.high),
        low: Number(row.low),
        close: Number(row.close),
        volume: Number(row.volume),
      }));
      // The read model behind the route may lag the market by a moment. A trade after the newest candle's interval is
      // in no candle yet: it is added. The newest candle itself is rebuilt from the trades when they reach back past
      // its start, so it neither misses nor double-counts one; otherwise it stands as the route gave it.
      const newest = this.candles.at(-1)?.time ?? -Infinity;
      const reachesBack = trades.length > 0 && this.#bucket(trades[0]) < newest;
      if (reachesBack) this.candles = this.candles.filter(c => c.time < newest);
      for (const trade of trades) {
        const bucket = this.#bucket(trade);
        if (bucket > newest || (reachesBack && bucket === newest)) this.add(trade);
        else this.#seen.add(trade.trade_id);
      }
    } else {
      for (const trade of trades) this.add(trade);
    }
    return this.candles;
  }

  #bucket(trade) {
    return Math.floor(Date.parse(trade.executed_at) / 1000 / this.seconds) * this.seconds;
  }

  /** Adds one trade (oldest first); returns the candle it changed, or null when it was already counted. */
  add(trade) {
    if (this.#seen.has(trade.trade_id)) return null;
    this.#seen.add(trade.trade_id);
    if (this.#seen.size > 5000) this.#seen = new Set([...this.#seen].slice(-2500));
    const time = this.#bucket(trade);
    const price = Number(trade.price);
    const quantity = Number(trade.quantity);
    const last = this.candles.at(-1);
    if (last && last.time === time) {
      last.high = Math.max(last.high, price);
      last.low = Math.min(last.low, price);
      last.close = price;
      last.volume += quantity;
      return last;
    }
    if (last && time < last.time) return null;
    const candle = { time, open: price, high: price, low: price, close: price, volume: quantity };
    this.candles.push(candle);
    return candle;
  }
}
