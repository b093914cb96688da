namespace GridTokenX.Redis.Journal;

/// <param name="LastSequence">The sequence of the last command in the batch.</param>
public readonly record struct JournalBatch(long LastSequence, ReadOnlyMemory<byte> Data);
