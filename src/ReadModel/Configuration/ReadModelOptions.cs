using System.ComponentModel.DataAnnotations;

namespace GridTokenX.ReadModel.Configuration;

/// <summary>
/// Bound from <c>GridTokenX:ReadModel</c>. A <see cref="ConnectionString"/> selects PostgreSQL (the way to run several
/// machines); without one the read model is an embedded SQLite file at <see cref="SqlitePath"/>.
/// </summary>
public sealed class ReadModelOptions
{
    public const string Section = "GridTokenX:ReadModel";

    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>); unset means SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file; a relative path is taken from the process' current directory (its content root).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "GridTokenX:ReadModel:SqlitePath must name a file when no ConnectionString is set.")]
    [MaxLength(4096, ErrorMessage = "GridTokenX:ReadModel:SqlitePath must be at most 4096 characters.")]
    public string SqlitePath { get; set; } = Path.Combine("data", "readmodel.db");

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}
