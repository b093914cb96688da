// The two charts, drawn by TradingView Lightweight Charts™ (vendored, see /vendor/lightweight-charts/). Its own
// attribution logo stays on (attributionLogo), next to the notice in the page's footer.

import {
  AreaSeries,
  CandlestickSeries,
  ColorType,
  HistogramSeries,
  LineType,
  createChart,
  createOptionsChart,
} from "../vendor/lightweight-charts/lightweight-charts.standalone.production.mjs";

const colors = {
  background: "#11161d",
  text: "#c9d1d9",
  grid: "#1f2731",
  up: "#3ddc97",
  down: "#ff6b6b",
};

const layout = {
  background: { type: ColorType.Solid, color: colors.background },
  textColor: colors.text,
  attributionLogo: true,
};

function precisionOf(step) {
  const text = String(step);
  return text.includes(".") ? text.split(".")[1].replace(/0+$/, "").length : 0;
}

export class CandleChart {
  constructor(container) {
    this.chart = createChart(container, {
      autoSize: true,
      layout,
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: colors.up,
      downColor: colors.down,
      borderVisible: false,
      wickUpColor: colors.up,
      wickDownColor: colors.down,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: "volume" }, priceScaleId: "volume", color: "#3b4a5a" });
    this.chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  setMarket(market) {
    const precision = precisionOf(market.tick_size);
    this.candles.applyOptions({ priceFormat: { type: "price", precision, minMove: Number(market.tick_size) } });
  }

  setData(candles) {
    this.candles.setData(candles.map(({ time, open, high, low, close }) => ({ time, open, high, low, close })));
    this.volume.setData(candles.map(c => ({ time: c.time, value: c.volume, color: c.close >= c.open ? "#1f5f48" : "#6b2d2d" })));
    this.chart.timeScale().scrollToRealTime();
  }

  update(candle) {
    this.candles.update({ time: candle.time, open: candle.open, high: candle.high, low: candle.low, close: candle.close });
    this.volume.update({ time: candle.time, value: candle.volume, color: candle.close >= candle.open ? "#1f5f48" : "#6b2d2d" });
  }
}

/** Cumulative quantity against price: bids to the left of the spread, asks to the right. */
export class DepthChart {
  constructor(container) {
    this.chart = createOptionsChart(container, {
      autoSize: true,
      layout,
      grid: { vertLines: { visible: false }, horzLines: { color: colors.grid } },
      handleScroll: false,
      handleScale: false,
    });
    const area = color => ({
      lineColor: color,
      topColor: `${color}66`,
      bottomColor: `${color}11`,
      lineType: LineType.WithSteps,
      lineWidth: 2,
      priceFormat: { type: "volume" },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.bids = this.chart.addSeries(AreaSeries, area(colors.up));
    this.asks = this.chart.addSeries(AreaSeries, area(colors.down));
    // The whole book always fits: after a resize (a phone turned, a window narrowed) as after every update.
    this.chart.timeScale().subscribeSizeChange(() => this.chart.timeScale().fitContent());
  }

  setMarket(market) {
    this.chart.applyOptions({ localization: { precision: precisionOf(market.tick_size) } });
  }

  /** A book to show, or null to show nothing (the book is not known to be current). */
  setBook(book) {
    if (!book) {
      this.bids.setData([]);
      this.asks.setData([]);
      return;
    }
    let total = 0;
    const bids = book.bids.map(level => ({ time: Number(level.price), value: (total += Number(level.quantity)) })).reverse();
    total = 0;
    const asks = book.asks.map(level => ({ time: Number(level.price), value: (total += Number(level.quantity)) }));
    this.bids.setData(bids);
    this.asks.setData(asks);
    if (bids.length || asks.length) this.chart.timeScale().fitContent();
  }
}
