using GridTokenX.ReadModel.Configuration;

namespace GridTokenX.ApiHost.History;

/// <summary>
/// Standalone mode keeps markets in memory, so every start begins a new journal at sequence 0 with new trade ids.
/// A read model kept from an earlier run would hold positions ahead of that journal (its projector would skip the
/// new trades) and rows under the same ids: the embedded SQLite file therefore starts empty, like everything else.
/// </summary>
public static class StandaloneReadModel
{
    public static void StartEmpty(IConfiguration configuration)
    {
        var section = configuration.GetSection(ReadModelOptions.Section);
        if (!string.IsNullOrWhiteSpace(section[nameof(ReadModelOptions.ConnectionString)])) return;
        var path = section[nameof(ReadModelOptions.SqlitePath)];
        if (string.IsNullOrWhiteSpace(path)) path = new ReadModelOptions().SqlitePath;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }
}
