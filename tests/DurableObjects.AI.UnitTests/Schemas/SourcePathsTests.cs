using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.UnitTests.Schemas;

public sealed class SourcePathsTests
{
    [Theory]
    [InlineData("Counter.cs")]
    [InlineData("Tests/CounterTests.cs")]
    [InlineData("Domain/Money_Rules-2.cs")]
    public void Problem_SafeRelativeCsPath_IsNull(string path) => Assert.Null(SourcePaths.Problem(path));

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd.cs")]
    [InlineData("../Secrets.cs")]
    [InlineData("a/../../b.cs")]
    [InlineData("C:/x.cs")]
    [InlineData("a\\b.cs")]
    [InlineData("a//b.cs")]
    [InlineData(".hidden/a.cs")]
    [InlineData("Counter.txt")]
    [InlineData("Coun ter.cs")]
    public void Problem_UnsafeOrNonCsPath_IsReported(string path) => Assert.NotNull(SourcePaths.Problem(path));

    [Fact]
    public void Validate_CodePlanWithoutSteps_ReportsIt()
    {
        var plan = TestData.Samples.Plan() with { Steps = [] };

        Assert.Contains("Steps must contain at least one item.", plan.Validate());
    }

    [Fact]
    public void RoutedChecks_PlanWithoutPreference_AlwaysAddsPreference()
    {
        var plan = TestData.Samples.Plan(CheckKind.Factuality, CheckKind.Factuality);

        Assert.Equal([CheckKind.Preference, CheckKind.Factuality], plan.RoutedChecks().Order());
    }

    [Fact]
    public void Validate_CandidateWithDuplicatePaths_ReportsDuplicate()
    {
        var candidate = TestData.Samples.Candidate() with { Tests = [SourceFile.Of("counter.cs", "class T {}")] };

        Assert.Contains("path 'Counter.cs' appears more than once.", candidate.Validate());
    }

    [Fact]
    public void FileMap_Candidate_MapsPathsToContent()
    {
        var candidate = TestData.Samples.Candidate();

        Assert.Equal(TestData.Samples.CounterCode, candidate.FileMap()["Counter.cs"]);
        Assert.Equal(["Tests/CounterTests.cs"], candidate.TestMap().Keys);
    }
}
