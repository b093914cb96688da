// The /ws connection: subscribes to every channel it was given on every connect, reconnects with jittered exponential
// backoff, and sends an application ping so a silently dead path is noticed in seconds rather than at the next TCP timeout.

const backoffBaseMs = 500;
const backoffMaxMs = 10_000;
const pingEveryMs = 10_000;
const pongWithinMs = 5_000;

export class LiveConnection {
  #socket = null;
  #channels = new Set();
  #attempt = 0;
  #requestId = 0;
  #reconnectTimer = 0;
  #pingTimer = 0;
  #pongTimer = 0;
  #stopped = true;

  /**
   * @param {{ url: () => string, onEvent: (e: any) => void, onSubscribed: (channels: string[]) => void,
   *           onError: (e: any) => void, onState: (state: "connecting"|"live"|"reconnecting"|"stopped", detail?: string) => void }} handlers
   */
  constructor(handlers) {
    this.handlers = handlers;
  }

  start(channels) {
    this.#channels = new Set(channels);
    this.#stopped = false;
    this.#connect();
  }

  /** Stops for good (sign-out, page hidden for long): no reconnect. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    this.#closeSocket(1000, "client_closing");
    this.handlers.onState("stopped");
  }

  /** Reconnects now with a fresh URL (the token changed). */
  restart(channels) {
    this.#stopped = false;
    this.#channels = new Set(channels);
    clearTimeout(this.#reconnectTimer);
    this.#closeSocket(1000, "client_restarting");
    this.#attempt = 0;
    this.#connect();
  }

  /** Changes the subscriptions of the open socket (and of every later connect). */
  setChannels(channels) {
    const wanted = new Set(channels);
    const removed = [...this.#channels].filter(c => !wanted.has(c));
    const added = [...wanted].filter(c => !this.#channels.has(c));
    this.#channels = wanted;
    if (this.#socket?.readyState !== WebSocket.OPEN) return;
    if (removed.length) this.#send({ op: "unsubscribe", channels: removed, req_id: this.#nextId("unsub") });
    if (added.length) this.#send({ op: "subscribe", channels: added, req_id: this.#nextId("sub") });
  }

  #connect() {
    if (this.#stopped) return;
    this.handlers.onState(this.#attempt === 0 ? "connecting" : "reconnecting");
    let socket;
    try {
      socket = new WebSocket(this.handlers.url());
    } catch (error) {
      this.#scheduleReconnect(String(error));
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      if (this.#channels.size) this.#send({ op: "subscribe", channels: [...this.#channels], req_id: this.#nextId("sub") });
      this.#schedulePing();
    };
    socket.onmessage = message => {
      if (socket !== this.#socket) return;
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      this.#onFrame(frame);
    };
    socket.onclose = close => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#clearHeartbeat();
      this.#scheduleReconnect(close.reason || `closed (${close.code})`);
    };
  }

  #onFrame(frame) {
    switch (frame.op) {
      case "event":
        this.handlers.onEvent(frame);
        break;
      case "subscribed":
        // A working subscription ends the backoff: the next drop starts again from the shortest delay.
        this.#attempt = 0;
        this.handlers.onState("live");
        this.handlers.onSubscribed(frame.channels ?? []);
        break;
      case "pong":
        clearTimeout(this.#pongTimer);
        this.#schedulePing();
        break;
      case "error":
        this.handlers.onError(frame);
        break;
      default:
        break;
    }
  }

  #schedulePing() {
    clearTimeout(this.#pingTimer);
    this.#pingTimer = setTimeout(() => {
      if (!this.#send({ op: "ping", req_id: this.#nextId("ping") })) return;
      clearTimeout(this.#pongTimer);
      this.#pongTimer = setTimeout(() => this.#closeSocket(4000, "heartbeat_timeout", true), pongWithinMs);
    }, pingEveryMs);
  }

  #clearHeartbeat() {
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#pongTimer);
  }

  #scheduleReconnect(reason) {
    if (this.#stopped) return;
    // Full jitter: after a host restart thousands of pages must not come back in the same instant.
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** this.#attempt);
    const delay = Math.round(Math.random() * ceiling);
    this.#attempt = Math.min(this.#attempt + 1, 16);
    this.handlers.onState("reconnecting", `${reason}; retrying in ${(delay / 1000).toFixed(1)} s`);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
  }

  #closeSocket(code, reason, reconnect = false) {
    const socket = this.#socket;
    this.#clearHeartbeat();
    if (!socket) return;
    this.#socket = null;
    socket.onclose = null;
    try {
      socket.close(code, reason);
    } catch {
      // Already closing.
    }
    if (reconnect) this.#scheduleReconnect(reason);
  }

  #send(frame) {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  #nextId(prefix) {
    this.#requestId += 1;
    return `${prefix}-${this.#requestId}`;
  }
}
