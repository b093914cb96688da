using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Grains.Accounts;

/// <summary>
/// Bound from <c>GridTokenX:Accounts:Faucet</c>. For tests, load tools and demos only, and off unless set: an account
/// short of funds for an order is given these amounts once (a deposit with id <c>faucet:{user}:{asset}</c>, counted in
/// the conservation invariant like any other), so suites about trading need not fund every user they invent.
/// A host with it on logs a warning at start.
/// </summary>
public sealed class FaucetOptions
{
    public const string Section = "GridTokenX:Accounts:Faucet";

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "GridTokenX:Accounts:Faucet:Usd must be between 0 and 1000000000000.")]
    public decimal Usd { get; set; }

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "GridTokenX:Accounts:Faucet:Kwh must be between 0 and 1000000000000.")]
    public decimal Kwh { get; set; }

    public bool Enabled => Usd > 0 || Kwh > 0;

    public decimal For(string asset) => asset == Redis.Money.Assets.Usd ? Usd : Kwh;
}
