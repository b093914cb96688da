using System.Globalization;
using System.Text;
using System.Text.Json;
using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Money;

/// <summary>
/// Money in Redis (keys: <see cref="MoneyKeys"/>). Every write batch is one Lua script (money-apply.lua), so each
/// write is atomic, and it is acknowledged only after Redis ran it. Amounts travel and are stored as exact decimal
/// strings and are added in Lua by money-decimal.lua: never as Lua's doubles. See docs/money.md.
/// </summary>
public sealed class RedisMoneyStore(IConnectionMultiplexer redis) : IMoneyStore
{
    private static readonly string Decimals = LuaScripts.Load(typeof(RedisMoneyStore), "money-decimal.lua");
    private static readonly string ApplyScript = Decimals + "\n" + LuaScripts.Load(typeof(RedisMoneyStore), "money-apply.lua");
    private static readonly string ClaimScript = LuaScripts.Load(typeof(RedisMoneyStore), "money-claim.lua");
    private static readonly string LedgerScript = LuaScripts.Load(typeof(RedisMoneyStore), "money-ledger.lua");

    public Task<AccountSnapshot> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        RunAsync(async db =>
        {
            var fields = new List<RedisValue> { "at" };
            foreach (var asset in Assets.All)
            {
                fields.Add("a:" + asset);
                fields.Add("r:" + asset);
            }

            var values = await db.HashGetAsync(MoneyKeys.Account(accountId), [.. fields]).ConfigureAwait(false);
            var balances = new Dictionary<string, AssetBalance>(StringComparer.Ordinal);
            for (var i = 0; i < Assets.All.Count; i++)
                balances[Assets.All[i]] = new AssetBalance(Amount(values[1 + (2 * i)]), Amount(values[2 + (2 * i)]));
            DateTimeOffset? updated = values[0].HasValue ? MoneyFormat.FromMillis(values[0]!) : null;
            return new AccountSnapshot(accountId, balances, updated);
        }, cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string accountId, string? asset, int limit, long? beforeEntryId,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (asset is not null && !Assets.IsKnown(asset)) throw new ArgumentException($"Unknown asset '{asset}'.", nameof(asset));
        return RunAsync<IReadOnlyList<LedgerEntry>>(async db =>
        {
            var result = await db.ScriptEvaluateAsync(LedgerScript,
                [MoneyKeys.Account(accountId), MoneyKeys.Ledger(accountId), MoneyKeys.LedgerIndex(accountId, asset ?? Assets.All[0])],
                [asset ?? "", limit, beforeEntryId is { } b ? b : ""]).ConfigureAwait(false);
            var items = (RedisResult[])result!;
            var entries = new List<LedgerEntry>(items.Length / 2);
            for (var i = 0; i + 1 < items.Length; i += 2)
                entries.Add(ParseEntry(long.Parse((string)items[i]!, CultureInfo.InvariantCulture), (string)items[i + 1]!));
            return entries;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<MoneyWriteResult>> ApplyAsync(IReadOnlyList<MoneyWrite> writes, CancellationToken cancellationToken)
    {
        MoneyWriteChecks.Validate(writes);
        if (writes.Count == 0) return Task.FromResult<IReadOnlyList<MoneyWriteResult>>([]);
        var accounts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var payload = Payload(writes, accounts, index);
        var keys = new List<RedisKey> { MoneyKeys.Operations, MoneyKeys.Totals, MoneyKeys.Accounts, MoneyKeys.ReservationsDue, MoneyKeys.Reservations };
        foreach (var account in accounts)
        {
            keys.Add(MoneyKeys.Account(account));
            keys.Add(MoneyKeys.Ledger(account));
            keys.Add(MoneyKeys.Fences(account));
            foreach (var asset in Assets.All) keys.Add(MoneyKeys.LedgerIndex(account, asset));
        }

        return RunAsync<IReadOnlyList<MoneyWriteResult>>(async db =>
        {
            var result = await db.ScriptEvaluateAsync(ApplyScript, [.. keys], [payload]).ConfigureAwait(false);
            var items = (RedisResult[])result!;
            var results = new List<MoneyWriteResult>(writes.Count);
            for (var i = 0; i < writes.Count; i++) results.Add(ParseResult(writes[i], (RedisResult[])items[i]!));
            return results;
        }, cancellationToken);
    }

    public Task<string?> GetOperationResultAsync(string operationId, CancellationToken cancellationToken) =>
        RunAsync(async db =>
        {
            var value = await db.HashGetAsync(MoneyKeys.Operations, operationId).ConfigureAwait(false);
            if (!value.HasValue) return null;
            var text = (string)value!;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var length = int.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
            return text[(colon + 1 + length)..];
        }, cancellationToken);

    public Task<MoneyTotals> GetTotalsAsync(CancellationToken cancellationToken) =>
        RunAsync(async db =>
        {
            // One HGETALL: both sides of the invariant as of the same instant.
            var entries = await db.HashGetAllAsync(MoneyKeys.Totals).ConfigureAwait(false);
            var totals = Assets.All.ToDictionary(a => a, _ => 0m, StringComparer.Ordinal);
            var sources = Assets.All.ToDictionary(a => a, _ => 0m, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var name = (string)entry.Name!;
                var target = name.StartsWith("t:", StringComparison.Ordinal) ? totals : sources;
                target[name[2..]] = MoneyFormat.ParseDecimal(entry.Value!);
            }

            return new MoneyTotals(totals, sources);
        }, cancellationToken);

    public Task<IReadOnlyList<OpenReservation>> ClaimDueReservationsAsync(DateTimeOffset checkedBefore, DateTimeOffset now, int max,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return RunAsync<IReadOnlyList<OpenReservation>>(async db =>
        {
            var result = await db.ScriptEvaluateAsync(ClaimScript, [MoneyKeys.ReservationsDue, MoneyKeys.Reservations],
                [MoneyFormat.Millis(checkedBefore), MoneyFormat.Millis(now), max]).ConfigureAwait(false);
            var items = (RedisResult[])result!;
            var claimed = new List<OpenReservation>(items.Length / 2);
            for (var i = 0; i + 1 < items.Length; i += 2)
            {
                var (account, order) = MoneyKeys.ParseReservationField((string)items[i]!);
                var parts = ((string)items[i + 1]!).Split('|');
                claimed.Add(new OpenReservation(account, order, parts[0], MoneyFormat.ParseDecimal(parts[1]), MoneyFormat.FromMillis(parts[2])));
            }

            return claimed;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetAccountIdsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<string>>(async db =>
        {
            var members = await db.SetMembersAsync(MoneyKeys.Accounts).ConfigureAwait(false);
            return [.. members.Select(m => (string)m!).Order(StringComparer.Ordinal)];
        }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await action(redis.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new MoneyStoreUnavailableException("The money store (Redis) did not answer: " + ex.GetType().Name, ex);
        }
    }

    // Outages and a server that cannot serve right now; any other server error is a bug and surfaces as itself.
    private static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (ex is RedisServerException server && UnavailableReplies.Any(r => server.Message.StartsWith(r, StringComparison.Ordinal)));

    private static readonly string[] UnavailableReplies = ["LOADING", "BUSY", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "MISCONF", "NOREPLICAS"];

    private static decimal Amount(RedisValue value) => value.HasValue ? MoneyFormat.ParseDecimal(value!) : 0m;

    private static LedgerEntry ParseEntry(long id, string stored)
    {
        // asset|kind|available delta|reserved delta|available after|reserved after|at|reference (last: it may hold '|')
        var p = stored.Split('|', 8);
        return new LedgerEntry(id, p[0], p[1], MoneyFormat.ParseDecimal(p[2]), MoneyFormat.ParseDecimal(p[3]), MoneyFormat.ParseDecimal(p[4]),
            MoneyFormat.ParseDecimal(p[5]), p[7], MoneyFormat.FromMillis(p[6]));
    }

    private static MoneyWriteResult ParseResult(MoneyWrite write, RedisResult[] r)
    {
        var status = (string)r[0]! switch
        {
            "applied" => MoneyWriteStatus.Applied,
            "duplicate" => MoneyWriteStatus.Duplicate,
            "conflict" => MoneyWriteStatus.Conflict,
            "insufficient" => MoneyWriteStatus.InsufficientFunds,
            "stale" => MoneyWriteStatus.StaleFence,
            var other => throw new InvalidOperationException($"money-apply.lua answered '{other}'."),
        };
        var failedAccount = (string?)r[2];
        var failedAsset = (string?)r[3];
        if (status is not MoneyWriteStatus.Applied)
        {
            return new MoneyWriteResult(status, status is MoneyWriteStatus.Duplicate or MoneyWriteStatus.Conflict ? (string?)r[1] : null, [],
                string.IsNullOrEmpty(failedAccount) ? null : failedAccount, string.IsNullOrEmpty(failedAsset) ? null : failedAsset);
        }

        var flat = (RedisResult[])r[4]!;
        var at = MoneyFormat.Truncate(write.At);
        var entries = new List<LedgerEntry>(write.Legs.Count);
        for (var i = 0; i < write.Legs.Count; i++)
        {
            var leg = write.Legs[i];
            entries.Add(new LedgerEntry(long.Parse((string)flat[3 * i]!, CultureInfo.InvariantCulture), leg.Asset, leg.Kind, leg.AvailableDelta,
                leg.ReservedDelta, MoneyFormat.ParseDecimal((string)flat[(3 * i) + 1]!), MoneyFormat.ParseDecimal((string)flat[(3 * i) + 2]!),
                leg.Reference, at));
        }

        return new MoneyWriteResult(status, write.Result, entries);
    }

    private static string Payload(IReadOnlyList<MoneyWrite> writes, List<string> accounts, Dictionary<string, int> index)
    {
        int Index(string account)
        {
            if (!index.TryGetValue(account, out var i))
            {
                accounts.Add(account);
                i = accounts.Count; // Lua counts from 1
                index[account] = i;
            }

            return i;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("writes");
            foreach (var w in writes)
            {
                json.WriteStartObject();
                json.WriteString("op", w.OperationId);
                json.WriteString("fp", w.Fingerprint);
                json.WriteString("res", w.Result);
                json.WriteString("at", MoneyFormat.Millis(w.At));
                Rows(json, "legs", w.Legs, leg =>
                    [Index(leg.AccountId), leg.Asset, leg.Kind, MoneyFormat.Decimal(leg.AvailableDelta), MoneyFormat.Decimal(leg.ReservedDelta), leg.Reference]);
                Rows(json, "fences", w.Fences, fence => [Index(fence.AccountId), fence.Resource, fence.Token.ToString(CultureInfo.InvariantCulture)]);
                Rows(json, "resv", w.Reservations, change => [Index(change.AccountId), change.OrderId, change.Asset, MoneyFormat.Decimal(change.Delta)]);
                Rows(json, "src", [.. w.Sources], source => [source.Key, MoneyFormat.Decimal(source.Value)]);
                Rows(json, "tot", NetByAsset(w.Legs), net => [net.Asset, MoneyFormat.Decimal(net.Delta)]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("accounts");
            foreach (var account in accounts) json.WriteStringValue(account);
            json.WriteEndArray();
            json.WriteStartArray("assets");
            foreach (var asset in Assets.All) json.WriteStringValue(asset);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // What a write changes in the total of each asset over all accounts; a transfer or a reservation nets to zero.
    private static List<(string Asset, decimal Delta)> NetByAsset(IReadOnlyList<MoneyLeg> legs)
    {
        var net = new List<(string Asset, decimal Delta)>(2);
        foreach (var leg in legs)
        {
            var i = net.FindIndex(n => n.Asset == leg.Asset);
            if (i < 0) net.Add((leg.Asset, leg.AvailableDelta + leg.ReservedDelta));
            else net[i] = (leg.Asset, net[i].Delta + leg.AvailableDelta + leg.ReservedDelta);
        }

        net.RemoveAll(n => n.Delta == 0m);
        return net;
    }

    // Each item as a JSON array of account indexes (numbers) and strings: compact, and cjson decodes it in one call.
    private static void Rows<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Func<T, object[]> row)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartArray();
            foreach (var cell in row(item))
            {
                if (cell is int number) json.WriteNumberValue(number);
                else json.WriteStringValue((string)cell);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
