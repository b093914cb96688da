using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary><c>rm_positions</c>: per source, the position of the last batch stored, moved in that batch's transaction.</summary>
internal static class PositionRows
{
    /// <summary>Locks the source's row (creating it) and returns its position, null before the first batch.</summary>
    public static Task<long?> LockAsync(WriteContext context, string source, long now) =>
        context.LockRowAsync(
            context.Command("INSERT INTO rm_positions (source, last_position, updated_at) VALUES (@s, NULL, @t) ON CONFLICT (source) DO NOTHING")
                .With("@s", source).With("@t", now),
            context.Command("SELECT last_position FROM rm_positions WHERE source = @s").With("@s", source),
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0));

    public static Task AdvanceAsync(WriteContext context, string source, long position, long now) =>
        context.ExecuteAsync(context.Command("UPDATE rm_positions SET last_position = @p, updated_at = @t WHERE source = @s")
            .With("@s", source).With("@p", position).With("@t", now));
}
