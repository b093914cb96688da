using GridTokenX.Redis.Money;

namespace GridTokenX.Redis.Tests.Money;

public sealed class InMemoryMoneyStoreTests : MoneyStoreContract
{
    protected override IMoneyStore Store { get; } = new InMemoryMoneyStore();
}
