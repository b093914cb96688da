using System.Globalization;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// What a lock key holds on a node: <c>{holder}|{acquired-unix-ms}|{random}</c>, written by <c>SET NX</c>, and once a
/// fencing token is minted, <c>|{token}</c> appended by the fence raise (same round trip, TTL kept). The random part
/// (128 bits) is what makes a holder's release and extension its own; the rest lets the admin view list who holds what
/// by scanning the nodes, without a registry written on the acquire path.
/// </summary>
/// <param name="Id">The first three parts: what release and extension compare (the scripts also accept it followed by a token).</param>
public sealed record LockValue(string Id, string Holder, DateTimeOffset AcquiredAt, long? FencingToken)
{
    public static string NewId(string holder, DateTimeOffset acquiredAt) =>
        string.Concat(holder, "|", acquiredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), "|", Guid.NewGuid().ToString("N"));

    /// <summary>Null for a value this code did not write.</summary>
    public static LockValue? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('|');
        if (parts.Length is not (3 or 4) || parts[2].Length != 32
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var acquiredMs))
        {
            return null;
        }

        long? token = null;
        if (parts.Length == 4)
        {
            if (!long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var t)) return null;
            token = t;
        }

        var id = parts.Length == 3 ? value : value[..value.LastIndexOf('|')];
        return new LockValue(id, parts[0], DateTimeOffset.FromUnixTimeMilliseconds(acquiredMs), token);
    }
}
