namespace GridTokenX.TestSupport;

/// <summary>
/// A read-model SQLite file of its own for one test host (or one group of hosts that share it, as every process of
/// one machine may): the default path is relative to the working directory, which every test shares, and a
/// market's read-model position left by another test would make its projector skip that test's trades.
/// </summary>
public static class ReadModelSettings
{
    public const string SqlitePathKey = "GridTokenX:ReadModel:SqlitePath";

    public static string NewSqlitePath() =>
        Path.Combine(Path.GetTempPath(), "gtx-readmodel-tests", Guid.NewGuid().ToString("N"), "readmodel.db");

    public static IReadOnlyDictionary<string, string?> NewSqlite() => new Dictionary<string, string?> { [SqlitePathKey] = NewSqlitePath() };

    /// <summary>The same as an environment variable, for host processes.</summary>
    public static KeyValuePair<string, string> Environment(string path) => new("GridTokenX__ReadModel__SqlitePath", path);
}
