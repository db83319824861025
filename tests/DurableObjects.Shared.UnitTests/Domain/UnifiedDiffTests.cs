using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.UnitTests.Domain;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Between_OneChangedLine_GivesAHunkWithThreeLinesOfContext()
    {
        var before = new Dictionary<string, string> { ["A.cs"] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n" };
        var after = new Dictionary<string, string> { ["A.cs"] = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n" };

        var diff = UnifiedDiff.Between(before, after);

        Assert.Equal("--- a/A.cs\n+++ b/A.cs\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", diff);
    }

    [Fact]
    public void Between_FarApartChanges_GivesTwoHunks()
    {
        var lines = Enumerable.Range(1, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var changed = lines.ToList();
        changed[1] = "two";
        changed[27] = "twenty-eight";

        var diff = UnifiedDiff.Between(
            new Dictionary<string, string> { ["A.cs"] = string.Join('\n', lines) },
            new Dictionary<string, string> { ["A.cs"] = string.Join('\n', changed) });

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("@@ -1,5 +1,5 @@", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_AddedAndRemovedFiles_DiffAgainstDevNull()
    {
        var diff = UnifiedDiff.Between(
            new Dictionary<string, string> { ["Old.cs"] = "gone\n" },
            new Dictionary<string, string> { ["New.cs"] = "here\n" });

        Assert.Contains("--- /dev/null\n+++ b/New.cs\n@@ -0,0 +1,1 @@\n+here\n", diff, StringComparison.Ordinal);
        Assert.Contains("--- a/Old.cs\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-gone\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_IdenticalFiles_IsEmpty() =>
        Assert.Empty(UnifiedDiff.Between(new Dictionary<string, string> { ["A.cs"] = "x" }, new Dictionary<string, string> { ["A.cs"] = "x" }));
}
