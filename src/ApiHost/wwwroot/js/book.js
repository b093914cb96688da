// What the page knows about the order book, and whether it may show it. The REST book and every order_book_update
// carry the book's sequence; an update whose sequence skips means steps were missed (the server coalesces bursts, a
// socket drops), so the page stops showing the book and fetches GET …/book. Both kinds of snapshot hold the whole top of
// book at their sequence, so after a resync the newer of the two is shown.

export const BookStatus = Object.freeze({ offline: "offline", resyncing: "resyncing", live: "live" });

export class BookState {
  status = BookStatus.offline;
  book = null;
  #newestUpdate = null;

  /** Nothing known: the connection is down or the market changed. */
  invalidate(status = BookStatus.offline) {
    this.status = status;
    this.book = null;
    this.#newestUpdate = null;
  }

  /** The socket is subscribed again: updates may be kept, and a REST snapshot is on its way. */
  beginResync() {
    this.status = BookStatus.resyncing;
  }

  /** @returns {"applied"|"ignored"|"buffered"|"gap"} */
  applyUpdate(update) {
    if (this.status === BookStatus.offline) return "ignored";
    if (!this.#newestUpdate || update.sequence > this.#newestUpdate.sequence) this.#newestUpdate = update;
    if (this.status === BookStatus.resyncing) return "buffered";
    if (update.sequence <= this.book.sequence) return "ignored";
    if (update.sequence === this.book.sequence + 1) {
      this.book = update;
      return "applied";
    }
    this.status = BookStatus.resyncing;
    return "gap";
  }

  /** The REST book arrived; shows it, or a newer update that came while it was on its way. */
  adoptSnapshot(snapshot) {
    if (this.status !== BookStatus.resyncing) return false;
    this.book = this.#newestUpdate && this.#newestUpdate.sequence > snapshot.sequence ? this.#newestUpdate : snapshot;
    this.status = BookStatus.live;
    return true;
  }
}
