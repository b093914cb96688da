// The trading page: wires the public API (api.js), the live socket (live.js), the book's resync rules (book.js),
// candles (candles.js), charts (charts.js) and order entry (order-form.js) to the DOM. docs/web.md explains it.

import * as session from "./session.js";
import * as api from "./api.js";
import { LiveConnection } from "./live.js";
import { BookState, BookStatus } from "./book.js";
import { CandleSeries } from "./candles.js";
import { CandleChart, DepthChart } from "./charts.js";
import { defaultFeeRate, describeReservation, feeRateFromReservation } from "./order-form.js";
import { $, setText } from "./dom.js";
import * as views from "./views.js";

// Before anything else can log or send the URL: a token in it is moved to sessionStorage and erased from the address bar.
session.adoptTokenFromUrl();

const bookDepth = 10;
const tapeLength = 60;
const finalStatuses = new Set(["filled", "cancelled"]);

const state = {
  markets: [],
  market: null,
  user: null,
  connection: "connecting",
  book: new BookState(),
  resyncing: false,
  resyncAgain: false,
  trades: [],
  ticker: null,
  interval: "1m",
  candles: null,
  openOrders: new Map(),
  fills: [],
  feeRate: defaultFeeRate,
  feeRateKnown: false,
};

const candleChart = new CandleChart($("candle-chart"));
const depthChart = new DepthChart($("depth-chart"));

const userChannels = () => (state.user ? [`orders:${state.user}`, `trades:${state.user}`, `user:${state.user}`] : []);
const channels = () => [`market:${state.market.symbol}`, ...userChannels()];

const live = new LiveConnection({
  url: () => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const token = session.token();
    // Browsers cannot set headers on a WebSocket upgrade; API.md allows the token in the query for /ws only, and the
    // host keeps request lines (which would carry it) out of its logs.
    return `${scheme}://${window.location.host}/ws${token ? `?access_token=${encodeURIComponent(token)}` : ""}`;
  },
  onState: (connection, detail) => {
    const node = $("connection");
    node.dataset.state = connection;
    state.connection = connection;
    const text = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", stopped: "Offline" }[connection];
    setText("connection-text", detail ? `${text} (${detail})` : text);
    if (connection !== "live") {
      state.book.invalidate(BookStatus.offline);
      renderBook();
    }
  },
  onSubscribed: subscribed => {
    if (subscribed.includes(`market:${state.market.symbol}`)) {
      state.book.beginResync();
      renderBook();
      resyncBook();
      loadMarketData();
    }
    if (subscribed.some(channel => channel.startsWith("orders:"))) refreshAccount(true);
  },
  onError: frame => showMessage("activity-message", `Live updates: ${frame.message ?? frame.code}`, "error"),
  onEvent: frame => onEvent(frame),
});

// ---------------------------------------------------------------- market data

function renderBook() {
  const bookNode = $("book");
  bookNode.dataset.state = state.book.status;
  bookNode.setAttribute("aria-busy", String(state.book.status !== BookStatus.live));
  if (state.book.status === BookStatus.live) {
    const own = new Set([...state.openOrders.values()].map(o => `${o.side === "buy" ? "bid" : "ask"}:${o.price}`));
    views.renderLadder(state.book.book, own, pickPrice);
    depthChart.setBook(state.book.book);
  } else {
    // A book the page knows may be stale is never shown: not in the ladder, not in the depth chart, not in the ticker.
    setText("book-stale", state.book.status === BookStatus.resyncing
      ? "Resyncing the order book…"
      : state.connection === "connecting"
        ? "Connecting…"
        : "Disconnected: reconnecting. The order book is hidden until it is resynced.");
    $("asks").replaceChildren();
    $("bids").replaceChildren();
    setText("book-sequence", "");
    depthChart.setBook(null);
  }
  views.renderTicker(state.ticker, state.book.status === BookStatus.live ? state.book.book : {});
  updateReservation();
}

async function resyncBook() {
  // One fetch at a time; a resync asked for while one is on its way (a reconnect, another market, another gap) makes
  // it start over once it returns, so a snapshot taken before that request is never the last word.
  if (state.resyncing) {
    state.resyncAgain = true;
    return;
  }
  state.resyncing = true;
  try {
    do {
      state.resyncAgain = false;
      const symbol = state.market.symbol;
      while (state.book.status === BookStatus.resyncing && symbol === state.market.symbol && !state.resyncAgain) {
        try {
          const snapshot = await api.book(symbol, bookDepth);
          if (state.resyncAgain) break;
          if (symbol === state.market.symbol && state.book.adoptSnapshot(snapshot)) renderBook();
          break;
        } catch (error) {
          setText("book-stale", `Resyncing the order book… (${error.title}; retrying)`);
          await new Promise(resolve => setTimeout(resolve, 1000));
        }
      }
    } while (state.resyncAgain || state.book.status === BookStatus.resyncing);
  } finally {
    state.resyncing = false;
  }
}

async function loadMarketData() {
  const symbol = state.market.symbol;
  const [ticker, trades] = await Promise.allSettled([api.ticker(symbol), api.marketTrades(symbol, tapeLength)]);
  if (symbol !== state.market.symbol) return;
  if (ticker.status === "fulfilled") state.ticker = ticker.value;
  if (trades.status === "fulfilled") mergeTrades(trades.value);
  views.renderTicker(state.ticker, state.book.status === BookStatus.live ? state.book.book : {});
  await loadCandles();
}

async function loadCandles() {
  const symbol = state.market.symbol;
  const series = new CandleSeries(state.interval);
  try {
    await series.load(symbol);
  } catch (error) {
    setText("candle-source", `Candles unavailable: ${error.title}`);
    return;
  }
  if (symbol !== state.market.symbol || series.interval !== state.interval) return;
  state.candles = series;
  candleChart.setData(series.candles);
  views.renderLegend(series.candles.at(-1), series.interval);
  setText("candle-source", series.source === "route"
    ? "Candles from GET …/candles, extended live by trades."
    : "Candles built from recent trades (the candles route is not served by this host), extended live by trades.");
}

function mergeTrades(incoming) {
  const byId = new Map(state.trades.map(t => [t.trade_id, t]));
  for (const trade of incoming) byId.set(trade.trade_id, trade);
  state.trades = [...byId.values()]
    .sort((a, b) => Date.parse(b.executed_at) - Date.parse(a.executed_at) || b.trade_id.localeCompare(a.trade_id, "en", { numeric: true }))
    .slice(0, tapeLength);
  views.renderTape(state.trades);
}

let tickerTimer = 0;
function refreshTickerSoon() {
  if (tickerTimer) return;
  tickerTimer = setTimeout(async () => {
    tickerTimer = 0;
    try {
      state.ticker = await api.ticker(state.market.symbol);
      views.renderTicker(state.ticker, state.book.status === BookStatus.live ? state.book.book : {});
    } catch {
      // The next trade tries again.
    }
  }, 1500);
}

function onEvent(frame) {
  const data = frame.data ?? {};
  const ours = data.symbol === state.market.symbol || data.trade?.symbol === state.market.symbol || data.order?.symbol === state.market.symbol;
  switch (frame.type) {
    case "order_book_update": {
      if (!ours) return;
      const outcome = state.book.applyUpdate(data);
      if (outcome === "applied") renderBook();
      else if (outcome === "gap") {
        renderBook();
        resyncBook();
      }
      break;
    }
    case "trade_executed": {
      if (!ours) return;
      mergeTrades([data.trade]);
      const candle = state.candles?.add(data.trade);
      if (candle) {
        candleChart.update(candle);
        views.renderLegend(candle, state.candles.interval);
      }
      if (state.ticker) state.ticker = { ...state.ticker, last_price: data.trade.price };
      views.renderTicker(state.ticker, state.book.status === BookStatus.live ? state.book.book : {});
      refreshTickerSoon();
      break;
    }
    case "price_update":
      if (!ours || !state.ticker) return;
      state.ticker = { ...state.ticker, last_price: data.price, change_percent_24h: data.change_percent_24h };
      views.renderTicker(state.ticker, state.book.status === BookStatus.live ? state.book.book : {});
      break;
    case "order_update":
      if (ours) upsertOrder(data.order);
      refreshAccount();
      break;
    case "trade_confirmation":
      if (ours && !state.fills.some(f => f.trade_id === data.trade.trade_id)) {
        state.fills = [{ ...data.trade, role: data.role }, ...state.fills].slice(0, 100);
        views.renderFills(state.fills);
      }
      refreshAccount();
      break;
    case "settlement_completed":
    case "tokens_minted":
      refreshAccount();
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------- account

function upsertOrder(order) {
  if (finalStatuses.has(order.status)) state.openOrders.delete(order.order_id);
  else state.openOrders.set(order.order_id, order);
  renderOrders();
}

function renderOrders() {
  const newestFirst = [...state.openOrders.values()].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  views.renderOpenOrders(newestFirst, cancelOrder);
  if (state.book.status === BookStatus.live) renderBook();
}

let accountTimer = 0;
let accountLoading = null;
/** Balances, ledger and lists again; coalesced, since one trade brings several events (API.md allows 100 requests a minute). */
function refreshAccount(now = false) {
  if (!state.user) return;
  clearTimeout(accountTimer);
  accountTimer = setTimeout(loadAccount, now ? 0 : 400);
}

async function loadAccount() {
  if (!state.user) return;
  if (accountLoading) {
    refreshAccount();
    return;
  }
  const symbol = state.market.symbol;
  accountLoading = Promise.allSettled([api.account(), api.orders("open", symbol, 200), api.fills(symbol, 100), api.ledger(100)]);
  try {
    const [account, orders, fills, ledger] = await accountLoading;
    if (account.status === "rejected" && account.reason.status === 401) {
      signOut("Your token was refused (expired or invalid): sign in again.");
      return;
    }
    if (account.status === "fulfilled") views.renderBalances(account.value);
    if (orders.status === "fulfilled" && symbol === state.market.symbol) {
      state.openOrders = new Map(orders.value.map(o => [o.order_id, o]));
      renderOrders();
    }
    if (fills.status === "fulfilled" && symbol === state.market.symbol) {
      state.fills = fills.value;
      views.renderFills(state.fills);
    }
    if (ledger.status === "fulfilled") {
      views.renderLedger(ledger.value);
      learnFeeRate(ledger.value);
    }
  } finally {
    accountLoading = null;
  }
}

/** The host's fee rate is not on the public API; a limit buy's reservation in the ledger shows it exactly. */
function learnFeeRate(entries) {
  if (state.feeRateKnown) return;
  for (const entry of entries) {
    const order = state.openOrders.get(entry.reference);
    if (entry.kind !== "reserve" || entry.asset !== "USD" || order?.side !== "buy" || order.type !== "limit") continue;
    const rate = feeRateFromReservation(order, entry.reserved_delta);
    if (rate === null) continue;
    state.feeRate = rate;
    state.feeRateKnown = true;
    updateReservation();
    return;
  }
}

async function cancelOrder(order, button) {
  button.disabled = true;
  try {
    const result = await api.cancelOrder(order.order_id);
    upsertOrder(result.order);
    showMessage("activity-message", `Cancelled ${order.order_id}.`, "ok");
  } catch (error) {
    if (error.status === 409 && error.body?.order) upsertOrder(error.body.order);
    showMessage("activity-message", problemText(error), "error");
    button.disabled = false;
  }
  refreshAccount(true);
}

// ---------------------------------------------------------------- order entry

const form = $("order-form");

function formValues() {
  const data = new FormData(form);
  return {
    side: data.get("side"),
    type: data.get("type"),
    price: $("price").value.trim(),
    quantity: $("quantity").value.trim(),
    time_in_force: $("tif").value,
  };
}

function updateReservation() {
  const values = formValues();
  const market = values.type === "market";
  $("price").disabled = market;
  $("tif").disabled = market;
  if (market) $("tif").value = "ioc";
  const button = $("place-order");
  button.textContent = `Place ${values.side} order`;
  button.classList.toggle("sell", values.side === "sell");
  const book = state.book.status === BookStatus.live ? state.book.book : null;
  const reservation = describeReservation(values, state.market, book, state.feeRate, state.feeRateKnown);
  $("reservation").textContent = reservation.text;
  $("reservation").dataset.amount = reservation.amount ?? "";
  $("reservation").dataset.asset = reservation.asset ?? "";
}

function pickPrice(price) {
  $("type-limit").checked = true;
  $("price").value = price;
  updateReservation();
  $("price").focus();
}

function clientOrderId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${[...bytes].map(b => b.toString(16).padStart(2, "0")).join("")}`;
}

function problemText(error) {
  const fields = error.errors
    ? " " + Object.entries(error.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(" ")}`).join("; ")
    : "";
  const retry = error.retryAfter ? ` Retry after ${error.retryAfter} s.` : "";
  return `${error.title}${error.detail ? `: ${error.detail}` : ""}${fields} [${error.code}]${retry}`;
}

function showMessage(id, text, kind) {
  const node = $(id);
  node.hidden = false;
  node.textContent = text;
  node.className = `message ${kind}`;
}

form.addEventListener("input", updateReservation);
form.addEventListener("change", updateReservation);
form.addEventListener("submit", async event => {
  event.preventDefault();
  if (!state.user) {
    showMessage("order-message", "Sign in first.", "error");
    return;
  }
  const values = formValues();
  const body = { symbol: state.market.symbol, side: values.side, type: values.type, quantity: values.quantity, client_order_id: clientOrderId() };
  if (values.type === "limit") {
    body.price = values.price;
    body.time_in_force = values.time_in_force;
  }
  const button = $("place-order");
  button.disabled = true;
  try {
    const result = await api.placeOrder(body);
    upsertOrder(result.order);
    const fills = result.trades.length ? `, ${result.trades.length} fill${result.trades.length > 1 ? "s" : ""}` : "";
    const reason = result.order.cancel_reason ? ` (${result.order.cancel_reason})` : "";
    showMessage("order-message", `Order ${result.order.order_id}: ${result.order.status.replace("_", " ")}${reason}${fills}.`, "ok");
  } catch (error) {
    showMessage("order-message", problemText(error), "error");
  } finally {
    button.disabled = false;
  }
  refreshAccount(true);
});

// ---------------------------------------------------------------- tabs, intervals, market

const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
}
for (const tab of tabs) {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", event => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    selectTab(next);
    next.focus();
  });
}

for (const button of document.querySelectorAll("#intervals button")) {
  button.addEventListener("click", () => {
    state.interval = button.dataset.interval;
    for (const other of document.querySelectorAll("#intervals button")) other.setAttribute("aria-pressed", String(other === button));
    loadCandles();
  });
}

$("market-select").addEventListener("change", event => {
  selectMarket(event.target.value);
  live.setChannels(channels());
});

function selectMarket(symbol) {
  state.market = state.markets.find(m => m.symbol === symbol) ?? state.markets[0];
  sessionStorage.setItem("gridtokenx.market", state.market.symbol);
  $("market-select").value = state.market.symbol;
  document.title = `${state.market.symbol} · GridTokenX`;
  state.book.invalidate(BookStatus.resyncing);
  state.trades = [];
  state.ticker = null;
  state.openOrders.clear();
  state.fills = [];
  candleChart.setMarket(state.market);
  depthChart.setMarket(state.market);
  renderBook();
  views.renderTape([]);
  loadMarketData();
  refreshAccount(true);
}

// ---------------------------------------------------------------- sign-in

function showSignedIn() {
  const signedIn = Boolean(state.user);
  $("signin").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  setText("user-name", state.user ?? "");
  form.hidden = !signedIn;
  $("entry-signin-hint").hidden = signedIn;
  if (!signedIn) {
    views.renderBalances(null);
    views.renderOpenOrders([], cancelOrder);
    views.renderFills([]);
    views.renderLedger([]);
  }
}

function signOut(reason) {
  session.signOut();
  state.user = null;
  state.openOrders.clear();
  state.fills = [];
  showSignedIn();
  if (reason) {
    $("signin-error").hidden = false;
    $("signin-error").textContent = reason;
  }
  live.restart(channels());
}

async function signInWith(token) {
  const claims = session.claims(token);
  $("signin-error").hidden = true;
  if (!claims) {
    $("signin-error").hidden = false;
    $("signin-error").textContent = "That is not an access token (a JWT with a sub claim).";
    return false;
  }
  session.signIn(token);
  try {
    await api.account();
  } catch (error) {
    $("signin-error").hidden = false;
    $("signin-error").textContent = error.status === 401 ? "That token was refused (invalid or expired)." : problemText(error);
    // Only the host's verdict on the token signs out; a host that is briefly unavailable does not.
    if (error.status === 401 || error.status === 403) {
      session.signOut();
      return false;
    }
  }
  state.user = claims.sub;
  showSignedIn();
  return true;
}

$("signin").addEventListener("submit", async event => {
  event.preventDefault();
  const input = $("token-input");
  const token = input.value.trim();
  input.value = "";
  if (token && (await signInWith(token))) live.restart(channels());
});

$("signout").addEventListener("click", () => signOut());

// ---------------------------------------------------------------- start

async function start() {
  try {
    state.markets = await api.markets();
  } catch (error) {
    setText("connection-text", `Cannot load markets: ${problemText(error)}`);
    return;
  }
  const select = $("market-select");
  select.replaceChildren(...state.markets.map(m => new Option(m.symbol, m.symbol)));
  const stored = session.token();
  if (stored) await signInWith(stored);
  showSignedIn();
  selectMarket(sessionStorage.getItem("gridtokenx.market") ?? state.markets[0].symbol);
  live.start(channels());
  document.body.dataset.ready = "true";
}

start();
