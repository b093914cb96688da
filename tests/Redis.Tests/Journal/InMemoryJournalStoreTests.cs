using GridTokenX.Redis.Journal;

namespace GridTokenX.Redis.Tests.Journal;

public sealed class InMemoryJournalStoreTests : JournalStoreContract
{
    protected override IJournalStore Store { get; } = new InMemoryJournalStore();
}
