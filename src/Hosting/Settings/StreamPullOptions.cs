using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Hosting.Settings;

/// <summary>
/// Bound from <c>GridTokenX:Streams</c> (the section the Redis Streams provider's own options are bound from too):
/// the pause Orleans' pulling agent makes after each read. Unset picks the default for the stream provider in use.
/// </summary>
public sealed class StreamPullOptions
{
    public const string Section = "GridTokenX:Streams";

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "GridTokenX:Streams:PullPeriod must be a time span between 00:00:00.001 and 00:00:10.")]
    public TimeSpan? PullPeriod { get; set; }
}
