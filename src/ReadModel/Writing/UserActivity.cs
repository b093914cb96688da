namespace GridTokenX.ReadModel.Writing;

/// <summary>What a batch adds to each user's profile, gathered before any profile row is locked.</summary>
internal sealed class UserActivity
{
    private readonly SortedDictionary<string, UserDelta> _users = new(StringComparer.Ordinal);

    /// <summary>The touched users in id order (the order their rows are locked in).</summary>
    public IEnumerable<KeyValuePair<string, UserDelta>> Users => _users;

    public UserDelta this[string userId] => _users.TryGetValue(userId, out var delta) ? delta : _users[userId] = new UserDelta();
}
