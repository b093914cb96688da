namespace GridTokenX.Browser.Tests;

/// <summary>One cluster and one browser for every browser test; the tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class TradingPageCollection : ICollectionFixture<TradingPageFixture>
{
    public const string Name = "trading page";
}
