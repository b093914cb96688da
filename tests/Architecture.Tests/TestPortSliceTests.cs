using System.Xml.Linq;
using GridTokenX.TestSupport;

namespace GridTokenX.Architecture.Tests;

/// <summary>
/// Test assemblies run as parallel processes and start servers on ports from <see cref="FreePort"/>; two processes
/// drawing from one slice can hand the same port to two servers. Every test project gets its own slice.
/// </summary>
public sealed class TestPortSliceTests
{
    [Fact]
    public void Every_test_project_draws_ports_from_a_slice_of_its_own()
    {
        var slices = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => XDocument.Load(p))
            .Where(d => d.Descendants("IsTestProject").Any(e => e.Value == "true"))
            .Select(d => (Project: d.Descendants("AssemblyName").Single().Value, Slice: d.Descendants("PortSlice").SingleOrDefault()?.Value))
            .ToList();

        Assert.NotEmpty(slices);
        Assert.DoesNotContain(slices, s => s.Slice is null || !int.TryParse(s.Slice, out var n) || n is < 0 or >= 8);
        Assert.Equal(slices.Count, slices.Select(s => s.Slice).Distinct(StringComparer.Ordinal).Count());
    }
}

/// <summary>The port source itself: a block of consecutive ports is still found after many single ports were handed out.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void A_block_is_found_after_many_single_ports_and_overlaps_none_of_them()
    {
        var singles = Enumerable.Range(0, 400).Select(_ => FreePort.Next()).ToHashSet();

        var first = FreePort.Block(100);

        Assert.Equal(400, singles.Count);
        Assert.DoesNotContain(Enumerable.Range(first, 100), singles.Contains);
    }
}
