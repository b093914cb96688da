using System.Text.Json;

namespace GridTokenX.Browser.Tests;

/// <summary>
/// The page's own logic, run in the browser as the page runs it (its ES modules imported into the loaded page): the
/// exact decimal arithmetic behind the reservation it shows, and the book's sequence rules.
/// </summary>
[Collection(TradingPageCollection.Name)]
public sealed class PageModuleTests(TradingPageFixture fixture)
{
    [Fact]
    public async Task Reservations_are_computed_exactly_from_decimal_strings()
    {
        var results = await EvaluateAsync("""
            async () => {
              const f = await import("/js/order-form.js");
              const market = { tick_size: "0.0001", lot_size: "0.001" };
              const book = { asks: [{ price: "0.1250", quantity: "3" }, { price: "0.1300", quantity: "3" }] };
              return [
                f.describeReservation({ side: "buy", type: "limit", price: "0.1000", quantity: "3" }, market, null, "0.01", true).amount,
                f.describeReservation({ side: "buy", type: "limit", price: "0.1234", quantity: "0.007" }, market, null, "0.0025", true).amount,
                f.describeReservation({ side: "buy", type: "market", price: "", quantity: "5" }, market, book, "0.01", true).amount,
                f.describeReservation({ side: "buy", type: "market", price: "", quantity: "2" }, market, book, "0.01", true).amount,
                f.describeReservation({ side: "sell", type: "market", price: "", quantity: "2.5" }, market, book, "0.01", true).amount,
                f.describeReservation({ side: "buy", type: "limit", price: "0.12345", quantity: "1" }, market, null, "0.01", true).amount ?? "refused",
                f.feeRateFromReservation({ price: "0.5000", quantity: "10.000" }, "5.0125"),
                f.feeRateFromReservation({ price: "0.5000", quantity: "10.000" }, "5.01251"),
              ];
            }
            """);

        // 0.1 × 3 × 1.01 is 0.303 exactly (binary floating point says 0.30300000000000005).
        Assert.Equal(["0.303", "0.0008659595", "0.6565", "0.2525", "2.5", "refused", "0.0025", null], results.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_book_follows_consecutive_updates_and_stops_at_a_gap_until_a_snapshot_arrives()
    {
        var results = await EvaluateAsync("""
            async () => {
              const { BookState } = await import("/js/book.js");
              const book = new BookState();
              const at = sequence => ({ sequence, bids: [], asks: [] });
              const out = [book.applyUpdate(at(1))];
              book.beginResync();
              out.push(book.applyUpdate(at(4)), String(book.adoptSnapshot(at(3))), String(book.book.sequence));
              out.push(book.applyUpdate(at(4)), book.applyUpdate(at(5)), book.applyUpdate(at(7)), book.status);
              out.push(String(book.adoptSnapshot(at(6))), String(book.book.sequence), book.status);
              book.invalidate();
              out.push(book.status, String(book.book));
              return out;
            }
            """);

        Assert.Equal(["ignored", "buffered", "true", "4", "ignored", "applied", "gap", "resyncing", "true", "7", "live", "offline", "null"],
            results.EnumerateArray().Select(e => e.GetString()));
    }

    private async Task<JsonElement> EvaluateAsync(string script)
    {
        await using var session = await fixture.OpenAsync(null, TradingPageFixture.Markets[0]);
        var result = await session.Page.EvaluateAsync<JsonElement>(script);
        Assert.Empty(session.Errors);
        return result;
    }
}
