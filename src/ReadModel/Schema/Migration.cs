using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Schema;

/// <summary>One step of the schema: applied once, in version order, in the same transaction as its version row.</summary>
/// <param name="Statements">The DDL, given the dialect (decimal and ordinal-text column types differ).</param>
public sealed record Migration(int Version, string Description, Func<SqlDialect, IReadOnlyList<string>> Statements);
