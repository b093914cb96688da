using GridTokenX.Redis.Money;
using static GridTokenX.Redis.Tests.Money.MoneyWrites;

namespace GridTokenX.Redis.Tests.Money;

/// <summary>
/// Random deposits, reservations, fills, releases and repeats of earlier operations against a store and a plain C#
/// model of what they should do. Checked: every write's status, balances equal the model's, each account's ledger
/// summed from zero equals its balances, nothing is ever negative, and the totals equal the sources per asset.
/// </summary>
public sealed class MoneyModelRun(IMoneyStore store, int seed)
{
    private const decimal FeeRate = 0.01m;
    private static readonly string[] Users = ["u1", "u2", "u3", "u4"];
    private readonly Random _random = new(seed);
    private readonly Dictionary<(string Account, string Asset), AssetBalance> _balances = [];
    private readonly Dictionary<string, decimal> _sources = new(StringComparer.Ordinal);
    // Open reservations: order → (account, asset, remaining)
    private readonly Dictionary<string, (string Account, string Asset, decimal Remaining)> _open = new(StringComparer.Ordinal);
    private readonly List<(MoneyWrite Write, string Result)> _applied = [];
    private int _next;

    public async Task RunAsync(int steps)
    {
        try
        {
            for (var step = 0; step < steps; step++)
            {
                // Sometimes several operations go in one batch: each must still be atomic and independent.
                var batch = new List<(MoneyWrite Write, MoneyWriteStatus Expected, string ExpectedResult)>();
                var size = _random.Next(4) == 0 ? _random.Next(2, 5) : 1;
                for (var i = 0; i < size; i++) batch.Add(NextOperation());
                var results = await store.ApplyAsync([.. batch.Select(b => b.Write)], CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    Assert.True(batch[i].Expected == results[i].Status,
                        $"step {step}: {batch[i].Write.OperationId} expected {batch[i].Expected}, got {results[i].Status}");
                    if (results[i].Status is not MoneyWriteStatus.InsufficientFunds) Assert.Equal(batch[i].ExpectedResult, results[i].Result);
                }

                if (step % 50 == 0) await CheckAsync();
            }

            await CheckAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"Model run with seed {seed} failed: {ex.Message}", ex);
        }
    }

    // Decides the operation and what the store must answer, and applies it to the model when it must be applied.
    private (MoneyWrite, MoneyWriteStatus, string) NextOperation()
    {
        var roll = _random.Next(100);
        if (roll < 8 && _applied.Count > 0)
        {
            var (write, result) = _applied[_random.Next(_applied.Count)];
            return _random.Next(3) == 0
                ? (write with { Fingerprint = write.Fingerprint + "-different" }, MoneyWriteStatus.Conflict, result)
                : (write with { Result = "ignored" }, MoneyWriteStatus.Duplicate, result);
        }

        if (roll < 30) return Expect(Deposit(User(), Asset(), Amount(6), "d" + _next++));
        if (roll < 55)
        {
            var asset = Asset();
            var account = User();
            var (available, _) = Get(account, asset);
            // Mostly affordable, sometimes not.
            var amount = _random.Next(5) == 0 ? available + Amount(3) : Math.Round(available * (decimal)_random.NextDouble(), _random.Next(0, 7));
            if (amount <= 0) amount = 0.000001m;
            return Expect(Reserve(account, "o" + _next++, asset, amount));
        }

        if (roll < 80) return Fill();
        return Release();
    }

    private (MoneyWrite, MoneyWriteStatus, string) Fill()
    {
        var buys = _open.Where(o => o.Value.Asset == Assets.Usd).ToList();
        var sells = _open.Where(o => o.Value.Asset == Assets.Kwh).ToList();
        if (buys.Count == 0 || sells.Count == 0) return Expect(Deposit(User(), Asset(), Amount(4), "d" + _next++));
        var buy = buys[_random.Next(buys.Count)];
        var sell = sells[_random.Next(sells.Count)];
        var price = _random.Next(100, 100000) / 10000m;
        var quantity = Math.Round(sell.Value.Remaining * (decimal)_random.NextDouble(), 3);
        if (_random.Next(6) == 0) quantity = sell.Value.Remaining + 1m; // more than reserved: refused
        if (quantity <= 0) quantity = 0.001m;
        return Expect(Trade("t" + _next++, buy.Value.Account, buy.Key, sell.Value.Account, sell.Key, price, quantity, FeeRate));
    }

    private (MoneyWrite, MoneyWriteStatus, string) Release()
    {
        if (_open.Count == 0) return Expect(Deposit(User(), Asset(), Amount(2), "d" + _next++));
        var (order, (account, asset, remaining)) = _open.ElementAt(_random.Next(_open.Count));
        var amount = _random.Next(5) switch
        {
            0 => remaining + 0.001m, // more than is reserved: refused
            1 => Math.Round(remaining / 2, 4),
            _ => remaining,
        };
        return Expect(MoneyWrites.Release(account, order, asset, amount, "release:" + order + ":" + _next++));
    }

    // Runs the write on the model: applied only if no balance or reservation goes negative after any leg.
    private (MoneyWrite, MoneyWriteStatus, string) Expect(MoneyWrite write)
    {
        var balances = new Dictionary<(string, string), AssetBalance>(_balances);
        foreach (var leg in write.Legs)
        {
            var (a, r) = balances.GetValueOrDefault((leg.AccountId, leg.Asset)) ?? AssetBalance.Zero;
            var after = new AssetBalance(a + leg.AvailableDelta, r + leg.ReservedDelta);
            if (after.Available < 0 || after.Reserved < 0) return (write, MoneyWriteStatus.InsufficientFunds, "");
            balances[(leg.AccountId, leg.Asset)] = after;
        }

        var open = new Dictionary<string, (string Account, string Asset, decimal Remaining)>(_open);
        foreach (var change in write.Reservations)
        {
            var current = open.TryGetValue(change.OrderId, out var o) ? o : (Account: change.AccountId, Asset: change.Asset, Remaining: 0m);
            current.Remaining += change.Delta;
            if (current.Remaining < 0) return (write, MoneyWriteStatus.InsufficientFunds, "");
            if (current.Remaining == 0) open.Remove(change.OrderId);
            else open[change.OrderId] = current;
        }

        foreach (var (k, v) in balances) _balances[k] = v;
        _open.Clear();
        foreach (var (k, v) in open) _open[k] = v;
        foreach (var (asset, amount) in write.Sources) _sources[asset] = _sources.GetValueOrDefault(asset) + amount;
        _applied.Add((write, write.Result));
        return (write, MoneyWriteStatus.Applied, write.Result);
    }

    private async Task CheckAsync()
    {
        var ids = await store.GetAccountIdsAsync(CancellationToken.None);
        Assert.Equal(_balances.Keys.Select(k => k.Account).Distinct().Order(StringComparer.Ordinal), ids);
        foreach (var id in ids)
        {
            var account = await store.GetAccountAsync(id, CancellationToken.None);
            var ledger = await store.GetLedgerAsync(id, null, 1_000_000, null, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, ledger.Count).Reverse().Select(i => (long)i), ledger.Select(e => e.EntryId));
            foreach (var asset in Assets.All)
            {
                var expected = _balances.GetValueOrDefault((id, asset)) ?? AssetBalance.Zero;
                var actual = account.Balances[asset];
                // As strings: the scale must match C#'s too, not only the value.
                Assert.True(Text(expected) == Text(actual), $"{id} {asset}: model {Text(expected)}, store {Text(actual)}");
                Assert.True(actual.Available >= 0 && actual.Reserved >= 0, $"{id} {asset} negative: {actual}");
                var entries = ledger.Where(e => e.Asset == asset).ToList();
                Assert.Equal(actual.Available, entries.Sum(e => e.AvailableDelta));
                Assert.Equal(actual.Reserved, entries.Sum(e => e.ReservedDelta));
                Assert.All(entries, e => Assert.True(e.AvailableAfter >= 0 && e.ReservedAfter >= 0));
                if (entries.Count > 0) Assert.Equal((actual.Available, actual.Reserved), (entries[0].AvailableAfter, entries[0].ReservedAfter));
            }
        }

        var totals = await store.GetTotalsAsync(CancellationToken.None);
        foreach (var asset in Assets.All)
        {
            Assert.Equal(_sources.GetValueOrDefault(asset), totals.Sources[asset]);
            Assert.Equal(0m, totals.Imbalance(asset));
            Assert.Equal(_balances.Where(b => b.Key.Asset == asset).Sum(b => b.Value.Total), totals.AccountTotals[asset]);
        }
    }

    private (decimal Available, decimal Reserved) Get(string account, string asset)
    {
        var b = _balances.GetValueOrDefault((account, asset)) ?? AssetBalance.Zero;
        return (b.Available, b.Reserved);
    }

    private static string Text(AssetBalance b) => MoneyFormat.Decimal(b.Available) + "/" + MoneyFormat.Decimal(b.Reserved);

    private string User() => Users[_random.Next(Users.Length)];

    private string Asset() => Assets.All[_random.Next(Assets.All.Count)];

    // Up to 10^digits with up to 6 decimals (trailing zeros kept as generated).
    private decimal Amount(int digits) => _random.NextInt64(1, (long)Math.Pow(10, digits + 6)) / (decimal)Math.Pow(10, _random.Next(0, 7));
}
