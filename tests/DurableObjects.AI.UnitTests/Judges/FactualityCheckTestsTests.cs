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

        Assert.Equal("Tests/FactualityChecks.cs", file.Path);
        Assert.Contains("Assert.Equal(120L, new Calc().Factorial(5));", file.Content, StringComparison.Ordinal);
        Assert.Contains("Assert.Equal(1L, new Calc() .Factorial(0));", file.Content, StringComparison.Ordinal);
        Assert.Contains("5! = 120 &lt;exact&gt;", file.Content, StringComparison.Ordinal);
        var metrics = CodeMetricsCalculator.Measure([file]);
        Assert.Equal(0, metrics.FilesWithSyntaxErrors);
        Assert.Equal(2, metrics.Methods.Count);
    }
}
