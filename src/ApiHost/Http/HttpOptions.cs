using System.ComponentModel.DataAnnotations;
using System.Net;

namespace GridTokenX.ApiHost.Http;

/// <summary>
/// <c>GridTokenX:Http</c>: the proxies whose <c>X-Forwarded-For</c> names the client (API.md: from no one else, so a
/// client cannot pick its own IP, and with it its rate-limit key).
/// </summary>
public sealed class HttpOptions : IValidatableObject
{
    public const string Section = "GridTokenX:Http";

    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < TrustedProxies.Count; i++)
        {
            if (!IPAddress.TryParse(TrustedProxies[i], out _))
                yield return new ValidationResult($"{Section}:TrustedProxies:{i} must be an IP address.", [nameof(TrustedProxies)]);
        }
    }
}
