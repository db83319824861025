using DurableObjects.AI.Judges;
using DurableObjects.AI.Metrics;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.UnitTests.Judges;

public sealed class FactualityCheckTestsTests
{
    [Fact]
    public void Build_NoChecks_ReturnsNull() => Assert.Null(FactualityCheckTests.Build([]));

    [Fact]
    public void Build_Checks_WritesOneParsableFactPerCheck()
    {
        var file = FactualityCheckTests.Build(
        [
            new ExecutableCheck { Description = "5! = 120 <exact>", Expression = "new Calc().Factorial(5)", Expected = "120L" },
            new ExecutableCheck { Description = "0! = 1", Expression = "new Calc()\n.Factorial(0)", Expected = "1L" },
        ])!;

        Assert.Equal("Tests/FactualityChecksTests.cs", file.Path);
        Assert.Contains("public sealed class FactualityChecksTests", file.Content, StringComparison.Ordinal);
        Assert.Contains("public bool Check1() => (new Calc().Factorial(5)) == (120L);", file.Content, StringComparison.Ordinal);
        Assert.Contains("public bool Check2() => (new Calc() .Factorial(0)) == (1L);", file.Content, StringComparison.Ordinal);
        Assert.Contains("5! = 120 &lt;exact&gt;", file.Content, StringComparison.Ordinal);
        var metrics = CodeMetricsCalculator.Measure([file]);
        Assert.Equal(0, metrics.FilesWithSyntaxErrors);
        Assert.Equal(2, metrics.Methods.Count);
    }
}
