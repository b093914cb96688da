namespace GridTokenX.Hosting.Alerts;

public enum ConditionChange
{
    None,

    /// <summary>The condition became bad and should be announced.</summary>
    Raise,

    /// <summary>An announced condition is over.</summary>
    Resolve,
}
