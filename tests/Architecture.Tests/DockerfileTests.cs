using System.Text.RegularExpressions;
using System.Xml.Linq;
using GridTokenX.TestSupport;

namespace GridTokenX.Architecture.Tests;

/// <summary>
/// The images cannot be built on the development machines (no Docker engine), so what can be checked without one is:
/// each Dockerfile copies every project its host references, directly or not, before its restore step, which would
/// otherwise fail as soon as a project is added (as <c>src/Hosting</c> was).
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [InlineData("src/Silo")]
    [InlineData("src/ApiHost")]
    public void A_host_image_copies_every_project_it_references_before_restoring(string hostFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, hostFolder, "Dockerfile"));
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copied = lines.Take(restore).Select(l => CopyLine().Match(l)).Where(m => m.Success)
            .SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

        var needed = ProjectClosure($"{hostFolder}/{Path.GetFileName(hostFolder)}.csproj");

        Assert.True(restore > 0, "The Dockerfile restores before it copies the sources.");
        Assert.DoesNotContain(needed, p => !copied.Contains(p));
        Assert.Contains("src/HostRuntime.props", copied);
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!found.Add(current)) continue;
            var folder = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(Path.Combine(RepoPaths.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepoPaths.Root, folder, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(RepoPaths.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^COPY (?<sources>.+) \S+$")]
    private static partial Regex CopyLine();
}
