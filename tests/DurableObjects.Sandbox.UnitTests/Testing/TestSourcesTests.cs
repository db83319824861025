using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Testing;

namespace DurableObjects.Sandbox.UnitTests.Testing;

public sealed class TestSourcesTests
{
    private const string Code = """
        namespace Samples;

        /// <summary>Adds.</summary>
        public class Calculator
        {
            public int Add(int a, int b) => a + b;
        }
        """;

    private const string Kept = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => Check(new Calculator().Add(2, 3));

            private static bool Check(int sum) => sum == 5;
        }
        """;

    private static Dictionary<string, string> Files(string tests) => new() { ["Calculator.cs"] = Code, ["Tests/CalculatorTests.cs"] = tests };

    [Fact]
    public void Find_TestClass_ListsTestsAndWhatTheyReferenceThroughHelpers()
    {
        var shape = TestSources.Find(Files(Kept))!;

        Assert.Equal("CalculatorTests", shape.ClassName);
        Assert.Equal(["AddsNumbers"], shape.Tests.Keys);
        Assert.Contains("Add", shape.References["AddsNumbers"]);
        Assert.Contains("sum", shape.References["AddsNumbers"]);
    }

    [Fact]
    public void Compare_ReformattedWithComments_NoChange()
    {
        var reformatted = Kept.Replace("public bool AddsNumbers() => Check(new Calculator().Add(2, 3));",
            "// still the same\n    public bool AddsNumbers()\n        => Check( new Calculator().Add(2,3) );", StringComparison.Ordinal);

        var changes = KeptTestChanges.Compare(TestSources.Find(Files(Kept)), TestSources.Find(Files(reformatted)));

        Assert.Empty(changes.Touched);
    }

    [Fact]
    public void Compare_BodyChangedAndTestAdded_ReportsChangedAndAdded()
    {
        var candidate = Kept.Replace("Check(new Calculator().Add(2, 3))", "true", StringComparison.Ordinal)
            .Replace("private static", "public bool Extra() => true;\n\n    private static", StringComparison.Ordinal);

        var changes = KeptTestChanges.Compare(TestSources.Find(Files(Kept)), TestSources.Find(Files(candidate)));

        Assert.Equal(["AddsNumbers"], changes.Changed);
        Assert.Equal(["Extra"], changes.Added);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void Compare_TestClassRenamed_KeptTestsRemoved()
    {
        var changes = KeptTestChanges.Compare(TestSources.Find(Files(Kept)), TestSources.Find(Files(Kept.Replace("CalculatorTests", "OtherTests", StringComparison.Ordinal))));

        Assert.Equal(["AddsNumbers"], changes.Removed);
    }

    [Fact]
    public void ReferenceFiles_CandidateWeakenedItsCopy_BuildsWithTheKeptClassAsStored()
    {
        var weakened = Files(Kept.Replace("Check(new Calculator().Add(2, 3))", "true", StringComparison.Ordinal));

        var reference = TestSources.ReferenceFiles(weakened, Files(Kept), new HashSet<string>());
        var build = new ObjectCompiler().Compile(reference, new CompileOptions("Calculator"));

        Assert.True(build.Success, string.Join("\n", build.Errors));
        Assert.Equal("Samples.CalculatorTests", build.Api!.TestClass);
        Assert.Contains("Check(new Calculator().Add(2, 3))", reference["kept-tests/Tests/CalculatorTests.cs"]);
        Assert.DoesNotContain("CalculatorTests", reference["Tests/CalculatorTests.cs"]);
    }

    [Fact]
    public void ReferenceFiles_DeclaredChange_LeavesThatTestOut()
    {
        var reference = TestSources.ReferenceFiles(Files(Kept), Files(Kept), new HashSet<string> { "AddsNumbers" });

        Assert.DoesNotContain("AddsNumbers", reference["kept-tests/Tests/CalculatorTests.cs"]);
    }

    [Fact]
    public void KeepsTestsAsStored_SameTestFilesNewCode_True()
    {
        var candidate = Files(Kept);
        candidate["Calculator.cs"] = Code.Replace("a + b", "b + a", StringComparison.Ordinal);

        Assert.True(TestSources.KeepsTestsAsStored(candidate, Files(Kept)));
    }

    [Theory]
    [InlineData("weakened")]
    [InlineData("reformatted")]
    [InlineData("moved")]
    [InlineData("second test class")]
    public void KeepsTestsAsStored_TestFilesDiffer_False(string change)
    {
        var candidate = Files(Kept);
        switch (change)
        {
            case "weakened":
                candidate["Tests/CalculatorTests.cs"] = Kept.Replace("Check(new Calculator().Add(2, 3))", "true", StringComparison.Ordinal);
                break;
            case "reformatted":
                candidate["Tests/CalculatorTests.cs"] = Kept + "\n";
                break;
            case "moved":
                candidate.Remove("Tests/CalculatorTests.cs");
                candidate["CalculatorTests.cs"] = Kept;
                break;
            default:
                candidate["Tests/MoreTests.cs"] = "namespace Samples;\npublic class MoreTests { public bool Passes() => true; }";
                break;
        }

        Assert.False(TestSources.KeepsTestsAsStored(candidate, Files(Kept)));
    }
}
