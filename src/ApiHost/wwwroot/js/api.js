// The public HTTP API (API.md). Failures become ApiError with the problem's code, title, detail and field errors.

import * as session from "./session.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? "network_error" : "error");
    this.title = problem?.title ?? (status === 0 ? "Network error" : `HTTP ${status}`);
    this.detail = problem?.detail ?? "";
    this.errors = problem?.errors ?? null;
    this.retryAfter = null;
    this.body = problem;
  }
}

async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (error) {
    throw new ApiError(0, { detail: error.message });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    error.retryAfter = response.headers.get("Retry-After");
    throw error;
  }
  return json;
}

const market = symbol => `/api/v1/markets/${encodeURIComponent(symbol)}`;
const query = params => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
};

export const markets = () => request("GET", "/api/v1/markets");
export const book = (symbol, depth) => request("GET", `${market(symbol)}/book${query({ depth })}`);
export const marketTrades = (symbol, limit) => request("GET", `${market(symbol)}/trades${query({ limit })}`);
export const ticker = symbol => request("GET", `${market(symbol)}/ticker`);
export const candles = (symbol, interval, limit) => request("GET", `${market(symbol)}/candles${query({ interval, limit })}`);
export const account = () => request("GET", "/api/v1/account");
export const ledger = limit => request("GET", `/api/v1/account/ledger${query({ limit })}`);
export const orders = (status, symbol, limit) => request("GET", `/api/v1/orders${query({ status, symbol, limit })}`);
export const fills = (symbol, limit) => request("GET", `/api/v1/trades${query({ symbol, limit })}`);
export const placeOrder = order => request("POST", "/api/v1/orders", order);
export const cancelOrder = orderId => request("DELETE", `/api/v1/orders/${encodeURIComponent(orderId)}`);
