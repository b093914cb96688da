using GridTokenX.Redis.Money;
using static GridTokenX.Redis.Tests.Money.MoneyWrites;

namespace GridTokenX.Redis.Tests.Money;

/// <summary>What every money store must do; run against Redis (a real redis-server) and against the in-memory store.</summary>
public abstract class MoneyStoreContract
{
    protected abstract IMoneyStore Store { get; }

    private static readonly CancellationToken None = CancellationToken.None;

    protected async Task<MoneyWriteResult> Apply(MoneyWrite write) => (await Store.ApplyAsync([write], None)).Single();

    protected async Task<AssetBalance> Balance(string account, string asset) => (await Store.GetAccountAsync(account, None)).Balances[asset];

    [Fact]
    public async Task An_account_never_written_is_all_zeros()
    {
        var account = await Store.GetAccountAsync("nobody", None);

        Assert.Equal(Assets.All.Order(), account.Balances.Keys.Order());
        Assert.All(account.Balances.Values, b => Assert.Equal(AssetBalance.Zero, b));
        Assert.Null(account.UpdatedAt);
        Assert.Empty(await Store.GetLedgerAsync("nobody", null, 10, null, None));
    }

    [Fact]
    public async Task A_deposit_credits_the_account_writes_one_entry_and_adds_to_the_sources()
    {
        var result = await Apply(Deposit("alice", Assets.Usd, 100.50m, "d1", T0.AddTicks(1234)));

        Assert.Equal(MoneyWriteStatus.Applied, result.Status);
        Assert.Equal("deposit d1", result.Result);
        var entry = Assert.Single(result.Entries);
        Assert.Equal(new LedgerEntry(1, Assets.Usd, LedgerKinds.Deposit, 100.50m, 0m, 100.50m, 0m, "d1", T0), entry);
        var account = await Store.GetAccountAsync("alice", None);
        Assert.Equal("100.50", account.Balances[Assets.Usd].Available.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(T0, account.UpdatedAt);
        Assert.Equal([entry], await Store.GetLedgerAsync("alice", null, 10, null, None));
        var totals = await Store.GetTotalsAsync(None);
        Assert.Equal(100.50m, totals.Sources[Assets.Usd]);
        Assert.Equal(100.50m, totals.AccountTotals[Assets.Usd]);
        Assert.Equal(0m, totals.Imbalance(Assets.Usd));
        Assert.Equal(["alice"], await Store.GetAccountIdsAsync(None));
        Assert.Equal("deposit d1", await Store.GetOperationResultAsync("deposit:d1", None));
        Assert.Null(await Store.GetOperationResultAsync("deposit:d2", None));
    }

    [Fact]
    public async Task A_repeated_operation_is_a_duplicate_or_a_conflict_and_changes_nothing()
    {
        await Apply(Deposit("alice", Assets.Usd, 10m, "d1"));

        var duplicate = await Apply(Deposit("alice", Assets.Usd, 10m, "d1") with { Result = "another result" });
        var conflict = await Apply(Deposit("alice", Assets.Usd, 11m, "d1"));

        Assert.Equal(MoneyWriteStatus.Duplicate, duplicate.Status);
        Assert.Equal("deposit d1", duplicate.Result);
        Assert.Empty(duplicate.Entries);
        Assert.Equal(MoneyWriteStatus.Conflict, conflict.Status);
        Assert.Equal("deposit d1", conflict.Result);
        Assert.Equal(10m, (await Balance("alice", Assets.Usd)).Available);
        Assert.Single(await Store.GetLedgerAsync("alice", null, 10, null, None));
        Assert.Equal(10m, (await Store.GetTotalsAsync(None)).Sources[Assets.Usd]);
    }

    [Fact]
    public async Task An_older_fencing_token_is_refused_and_changes_nothing_while_equal_and_newer_ones_pass()
    {
        const string resource = "account:alice";
        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(Deposit("alice", Assets.Usd, 1m, "d1", null, new FenceCheck("alice", resource, 5)))).Status);

        var stale = await Apply(Deposit("alice", Assets.Usd, 2m, "d2", null, new FenceCheck("alice", resource, 4)));
        Assert.Equal(MoneyWriteStatus.StaleFence, stale.Status);
        Assert.Equal("alice", stale.FailedAccount);
        Assert.Null(await Store.GetOperationResultAsync("deposit:d2", None));
        Assert.Equal(1m, (await Balance("alice", Assets.Usd)).Available);

        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(Deposit("alice", Assets.Usd, 2m, "d3", null, new FenceCheck("alice", resource, 5)))).Status);
        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(Deposit("alice", Assets.Usd, 4m, "d4", null, new FenceCheck("alice", resource, 9)))).Status);
        Assert.Equal(MoneyWriteStatus.StaleFence, (await Apply(Deposit("alice", Assets.Usd, 8m, "d5", null, new FenceCheck("alice", resource, 5)))).Status);
        // Tokens are remembered per account and per resource.
        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(Deposit("alice", Assets.Usd, 16m, "d6", null, new FenceCheck("alice", "wallet:alice", 1)))).Status);
        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(Deposit("bob", Assets.Usd, 1m, "d7", null, new FenceCheck("bob", resource, 1)))).Status);

        Assert.Equal(23m, (await Balance("alice", Assets.Usd)).Available);
        Assert.Equal(4, (await Store.GetLedgerAsync("alice", null, 10, null, None)).Count);
        var totals = await Store.GetTotalsAsync(None);
        Assert.Equal(24m, totals.Sources[Assets.Usd]);
        Assert.Equal(0m, totals.Imbalance(Assets.Usd));
    }

    [Fact]
    public async Task A_stale_fence_on_one_account_refuses_a_write_that_touches_two()
    {
        await Apply(Deposit("alice", Assets.Usd, 100m, "d1", null, new FenceCheck("alice", "account:alice", 7)));
        await Apply(Deposit("bob", Assets.Kwh, 100m, "d2"));
        await Apply(Reserve("alice", "b1", Assets.Usd, 50m));
        await Apply(Reserve("bob", "s1", Assets.Kwh, 10m));

        var result = await Apply(Trade("t1", "alice", "b1", "bob", "s1", 1m, 10m, 0.01m, null,
            new FenceCheck("bob", "account:bob", 1), new FenceCheck("alice", "account:alice", 6)));

        Assert.Equal(MoneyWriteStatus.StaleFence, result.Status);
        Assert.Equal("alice", result.FailedAccount);
        Assert.Equal(new AssetBalance(50m, 50m), await Balance("alice", Assets.Usd));
        Assert.Equal(new AssetBalance(90m, 10m), await Balance("bob", Assets.Kwh));
        // bob's token was not remembered: a write with a smaller one still passes.
        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(Deposit("bob", Assets.Kwh, 1m, "d3", null, new FenceCheck("bob", "account:bob", 0)))).Status);
    }

    [Fact]
    public async Task A_write_short_of_funds_after_any_leg_is_refused_whole()
    {
        await Apply(Deposit("alice", Assets.Usd, 10m, "d1"));
        await Apply(Deposit("bob", Assets.Usd, 10m, "d2"));
        var before = await Snapshot();

        // The second leg fails; the first (which alone is fine) must not be applied either.
        var twoLegs = new MoneyWrite("op1", "fp", [
            new MoneyLeg("bob", Assets.Usd, LedgerKinds.Trade, 5m, 0m, "x"),
            new MoneyLeg("alice", Assets.Usd, LedgerKinds.Trade, -10.01m, 0m, "x"),
        ], [], [], new Dictionary<string, decimal>(), "r", T0);
        // Negative after the first leg, positive after the second: still refused (checked after each leg).
        var dip = new MoneyWrite("op2", "fp", [
            new MoneyLeg("alice", Assets.Usd, LedgerKinds.Trade, -11m, 0m, "x"),
            new MoneyLeg("alice", Assets.Usd, LedgerKinds.Trade, 5m, 0m, "x"),
        ], [], [], new Dictionary<string, decimal>(), "r", T0);
        var reservedNegative = Release("alice", "never-reserved", Assets.Usd, 1m);
        var results = await Store.ApplyAsync([twoLegs, dip, reservedNegative], None);

        Assert.Equal(MoneyWriteStatus.InsufficientFunds, results[0].Status);
        Assert.Equal(("alice", Assets.Usd), (results[0].FailedAccount, results[0].FailedAsset));
        Assert.Equal(MoneyWriteStatus.InsufficientFunds, results[1].Status);
        Assert.Equal(MoneyWriteStatus.InsufficientFunds, results[2].Status);
        Assert.All(results, r => Assert.Empty(r.Entries));
        Assert.Equal(before, await Snapshot());
        Assert.Null(await Store.GetOperationResultAsync("op1", None));
        // Not remembered: the same operation may succeed later.
        await Apply(Deposit("alice", Assets.Usd, 1m, "d3"));
        Assert.Equal(MoneyWriteStatus.Applied, (await Apply(twoLegs with { Legs = [twoLegs.Legs[1] with { AvailableDelta = -11m }] })).Status);
    }

    [Fact]
    public async Task A_reservation_cannot_go_below_zero_even_when_the_balance_could()
    {
        await Apply(Deposit("alice", Assets.Usd, 100m, "d1"));
        await Apply(Reserve("alice", "o1", Assets.Usd, 10m));
        await Apply(Reserve("alice", "o2", Assets.Usd, 10m));
        var before = await Snapshot();

        var result = await Apply(Release("alice", "o1", Assets.Usd, 15m));

        Assert.Equal(MoneyWriteStatus.InsufficientFunds, result.Status);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Writes_of_a_batch_are_independent()
    {
        var results = await Store.ApplyAsync([
            Deposit("alice", Assets.Usd, 5m, "d1"),
            Reserve("alice", "o1", Assets.Usd, 6m),
            Reserve("alice", "o2", Assets.Usd, 5m),
            Deposit("alice", Assets.Usd, 5m, "d1"),
        ], None);

        Assert.Equal([MoneyWriteStatus.Applied, MoneyWriteStatus.InsufficientFunds, MoneyWriteStatus.Applied, MoneyWriteStatus.Duplicate],
            results.Select(r => r.Status));
        Assert.Equal(new AssetBalance(0m, 5m), await Balance("alice", Assets.Usd));
        Assert.Equal([2L, 1L], (await Store.GetLedgerAsync("alice", null, 10, null, None)).Select(e => e.EntryId));
    }

    [Fact]
    public async Task Reservations_are_recorded_spent_released_and_forgotten_at_zero()
    {
        await Apply(Deposit("alice", Assets.Usd, 100m, "d1"));
        await Apply(Deposit("bob", Assets.Kwh, 100m, "d2"));
        await Apply(Reserve("alice", "b1", Assets.Usd, 20.2m, T0.AddSeconds(1)));
        await Apply(Reserve("bob", "s1", Assets.Kwh, 10m, T0.AddSeconds(2)));
        await Apply(Trade("t1", "alice", "b1", "bob", "s1", 1m, 10m, 0.01m));

        var open = await Store.ClaimDueReservationsAsync(T0.AddSeconds(10), T0.AddSeconds(10), 10, None);

        var b1 = Assert.Single(open);
        Assert.Equal(new OpenReservation("alice", "b1", Assets.Usd, 10.1m, T0.AddSeconds(1)), b1);
        Assert.Equal(new AssetBalance(79.8m, 10.10m), await Balance("alice", Assets.Usd));
        Assert.Equal(new AssetBalance(10m, 0m), await Balance("alice", Assets.Kwh));
        Assert.Equal(new AssetBalance(9.90m, 0m), await Balance("bob", Assets.Usd));
        Assert.Equal(new AssetBalance(90m, 0m), await Balance("bob", Assets.Kwh));
        Assert.Equal(new AssetBalance(0.20m, 0m), await Balance(SystemAccounts.Fees, Assets.Usd));

        await Apply(Release("alice", "b1", Assets.Usd, 10.1m));
        Assert.Empty(await Store.ClaimDueReservationsAsync(T0.AddDays(1), T0.AddDays(1), 10, None));
        Assert.Equal(new AssetBalance(89.90m, 0.00m), await Balance("alice", Assets.Usd));
        var totals = await Store.GetTotalsAsync(None);
        Assert.All(Assets.All, a => Assert.Equal(0m, totals.Imbalance(a)));
        Assert.Equal(["@fees", "alice", "bob"], await Store.GetAccountIdsAsync(None));
    }

    [Fact]
    public async Task Claimed_reservations_count_as_checked_so_sweepers_share_them_and_see_them_again_later()
    {
        await Apply(Deposit("alice", Assets.Usd, 100m, "d1"));
        for (var i = 0; i < 20; i++) await Apply(Reserve("alice", "o" + i, Assets.Usd, 1m, T0.AddSeconds(i)));

        // Made at T0+i: "not checked since" T0+5 means made before it.
        var early = await Store.ClaimDueReservationsAsync(T0.AddSeconds(5), T0.AddMinutes(1), 100, None);
        Assert.Equal(["o0", "o1", "o2", "o3", "o4"], early.Select(r => r.OrderId).Order(StringComparer.Ordinal));

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Store.ClaimDueReservationsAsync(T0.AddSeconds(30), T0.AddMinutes(1), 4, None)));
        var claimed = sweeps.SelectMany(s => s).Select(r => r.OrderId).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(15, claimed.Count);
        Assert.Empty(await Store.ClaimDueReservationsAsync(T0.AddSeconds(30), T0.AddMinutes(1), 100, None));

        // Rescheduled: checked at T0+1min, due again once that is "before".
        var again = await Store.ClaimDueReservationsAsync(T0.AddMinutes(2), T0.AddMinutes(2), 100, None);
        Assert.Equal(20, again.Count);
        Assert.All(again, r => Assert.Equal(1m, r.Remaining));
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_by_entry_id_with_an_optional_asset_filter()
    {
        for (var i = 1; i <= 10; i++) await Apply(Deposit("alice", i % 2 == 0 ? Assets.Kwh : Assets.Usd, i, "d" + i));

        async Task<long[]> Ids(string? asset, int limit, long? before) =>
            [.. (await Store.GetLedgerAsync("alice", asset, limit, before, None)).Select(e => e.EntryId)];

        Assert.Equal(new long[] { 10L, 9, 8 }, await Ids(null, 3, null));
        Assert.Equal(new long[] { 7L, 6, 5 }, await Ids(null, 3, 8));
        Assert.Equal(new long[] { 1L }, await Ids(null, 3, 2));
        Assert.Empty(await Ids(null, 3, 1));
        Assert.Equal(new long[] { 10L, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, await Ids(null, 100, 1000));
        Assert.Equal(new long[] { 10L, 8, 6, 4, 2 }, await Ids(Assets.Kwh, 100, null));
        Assert.Equal(new long[] { 5L, 3 }, await Ids(Assets.Usd, 2, 7));
        Assert.Equal(new long[] { 4L, 2 }, await Ids(Assets.Kwh, 5, 5));
        var entry = (await Store.GetLedgerAsync("alice", Assets.Kwh, 1, null, None)).Single();
        Assert.Equal(new LedgerEntry(10, Assets.Kwh, LedgerKinds.Deposit, 10m, 0m, 30m, 0m, "d10", T0), entry);
    }

    [Fact]
    public async Task The_totals_stay_balanced_at_every_instant_while_writes_run_concurrently()
    {
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            do
            {
                var totals = await Store.GetTotalsAsync(None);
                foreach (var asset in Assets.All)
                    Assert.True(totals.Imbalance(asset) == 0m, $"{asset}: accounts {totals.AccountTotals[asset]}, sources {totals.Sources[asset]}");
                reads++;
            }
            while (!stop.IsCancellationRequested);
        });
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var buyer = "b" + w;
                var seller = "s" + w;
                await Store.ApplyAsync([
                    Deposit(buyer, Assets.Usd, 10.5m, $"{w}-{i}-u"),
                    Deposit(seller, Assets.Kwh, 3.125m, $"{w}-{i}-k"),
                    Reserve(buyer, $"{w}-{i}-b", Assets.Usd, 10.1m),
                    Reserve(seller, $"{w}-{i}-s", Assets.Kwh, 2m),
                ], None);
                await Apply(Trade($"{w}-{i}", buyer, $"{w}-{i}-b", seller, $"{w}-{i}-s", 2.5m, 2m, 0.01m));
            }
        })).ToList();

        await Task.WhenAll(writers);
        stop.Cancel();
        await reader;

        Assert.True(reads > 0);
        var final = await Store.GetTotalsAsync(None);
        Assert.Equal(4 * 40 * 10.5m, final.Sources[Assets.Usd]);
        Assert.Equal(0m, final.Imbalance(Assets.Usd));
        Assert.Equal(4 * 40 * 0.1m, (await Balance(SystemAccounts.Fees, Assets.Usd)).Available);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20260101)]
    public Task Random_operations_agree_with_a_simple_model(int seed) => new MoneyModelRun(Store, seed).RunAsync(400);

    private async Task<string> Snapshot()
    {
        var parts = new List<string>();
        foreach (var id in await Store.GetAccountIdsAsync(None))
        {
            var account = await Store.GetAccountAsync(id, None);
            parts.Add(id + ":" + string.Join(",", account.Balances.OrderBy(b => b.Key).Select(b => $"{b.Key}={b.Value.Available}/{b.Value.Reserved}")));
            parts.Add(string.Join(",", (await Store.GetLedgerAsync(id, null, 1000, null, None)).Select(e => e.EntryId)));
        }

        var totals = await Store.GetTotalsAsync(None);
        parts.Add(string.Join(",", totals.AccountTotals.Concat(totals.Sources).Select(t => $"{t.Key}={t.Value}")));
        parts.Add(string.Join(",", (await Store.ClaimDueReservationsAsync(T0.AddYears(100), T0, 1000, None)).Select(r => r.ToString())));
        return string.Join("\n", parts);
    }
}
