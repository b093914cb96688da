using System.Globalization;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// How a process names itself as a lock holder: what an operator recognises (role, address, process id) and a short
/// random suffix so two hosts in one process (tests) differ. Never a secret: it is stored in the lock's value.
/// </summary>
public static class LockHolder
{
    /// <param name="role">e.g. <c>silo</c>, <c>api</c>, <c>standalone</c>.</param>
    /// <param name="address">e.g. the silo's advertised address and port; the machine name when null.</param>
    public static string Describe(string role, string? address = null)
    {
        var name = string.Concat(role, "@", address ?? Environment.MachineName, "/",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "#", Guid.NewGuid().ToString("N")[..4]);
        // '|' separates the parts of a lock value; spaces and control characters have no place in a name either.
        return new string([.. name.Select(c => c == '|' || char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c)]);
    }
}
