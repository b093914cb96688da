namespace GridTokenX.Grains.Trading;

/// <summary>A market rebuilt from its journal, at the journal's head.</summary>
/// <param name="PublishedHead">Every event up to this sequence had been published.</param>
/// <param name="Unpublished">The events of the journaled batches after <paramref name="PublishedHead"/>, oldest first, to publish again.</param>
/// <param name="Replayed">How many commands were replayed on top of the checkpoint.</param>
public sealed record RecoveredMarket(Market Market, long PublishedHead, IReadOnlyList<UnpublishedBatch> Unpublished, int Replayed);
