using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Hosting.Settings;

/// <summary>Bound from <c>GridTokenX</c>: which cluster the silos and API hosts form (Orleans' cluster and service id).</summary>
public sealed class ClusterIdentityOptions
{
    public const string Section = "GridTokenX";

    [Required(ErrorMessage = "GridTokenX:ClusterId must be 1 to 64 characters.")]
    [RegularExpression(@"^(?=.*\S).{1,64}$", ErrorMessage = "GridTokenX:ClusterId must be 1 to 64 characters, not all blank.")]
    public string ClusterId { get; set; } = "gridtokenx";

    [Required(ErrorMessage = "GridTokenX:ServiceId must be 1 to 64 characters.")]
    [RegularExpression(@"^(?=.*\S).{1,64}$", ErrorMessage = "GridTokenX:ServiceId must be 1 to 64 characters, not all blank.")]
    public string ServiceId { get; set; } = "gridtokenx";
}
