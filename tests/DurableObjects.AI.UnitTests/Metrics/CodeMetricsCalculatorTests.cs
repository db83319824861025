using DurableObjects.AI.Metrics;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.UnitTests.Metrics;

public sealed class CodeMetricsCalculatorTests
{
    private const string Branchy = """
        public sealed class Grader
        {
            /// <summary>Grades a score.</summary>
            public string Grade(int score, bool strict)
            {
                if (score > 90 && strict)
                {
                    return "A";
                }

                for (var i = 0; i < 3; i++)
                {
                    score += i;
                }

                return score switch
                {
                    > 80 => "B",
                    > 70 => "C",
                    _ => "F",
                };
            }

            public int Simple() => 1;

            private int Hidden(int? x) => x ?? (x > 0 ? 1 : 2);
        }
        """;

    [Fact]
    public void Measure_BranchyMethod_CountsDecisionPoints()
    {
        var metrics = CodeMetricsCalculator.Measure(Branchy);

        // Grade: 1 + if + && + for + 2 non-discard switch arms = 6; Hidden: 1 + ?? + ?: = 3.
        Assert.Equal(6, metrics.Methods.Single(m => m.Name == "Grader.Grade").CyclomaticComplexity);
        Assert.Equal(1, metrics.Methods.Single(m => m.Name == "Grader.Simple").CyclomaticComplexity);
        Assert.Equal(3, metrics.Methods.Single(m => m.Name == "Grader.Hidden").CyclomaticComplexity);
        Assert.Equal(6, metrics.MaxCyclomaticComplexity);
        Assert.Equal(3.33, metrics.MeanCyclomaticComplexity);
    }

    [Fact]
    public void Measure_MethodLength_CountsSignatureToClosingBraceWithoutDocComment()
    {
        var metrics = CodeMetricsCalculator.Measure(Branchy);

        Assert.Equal(19, metrics.Methods.Single(m => m.Name == "Grader.Grade").Lines);
        Assert.Equal(19, metrics.MaxMethodLines);
        Assert.Equal(1, metrics.Methods.Single(m => m.Name == "Grader.Simple").Lines);
    }

    [Fact]
    public void Measure_DocCoverage_CountsPublicTypesAndMembers()
    {
        var metrics = CodeMetricsCalculator.Measure(Branchy);

        // Public: class Grader (undocumented), Grade (documented), Simple (undocumented); Hidden is private.
        Assert.Equal(3, metrics.PublicMembers);
        Assert.Equal(1, metrics.DocumentedPublicMembers);
        Assert.Equal(0.3333, metrics.DocCommentCoverage);
    }

    [Fact]
    public void Measure_Lines_CountsTotalAndCodeLines()
    {
        var metrics = CodeMetricsCalculator.Measure([SourceFile.Of("A.cs", "// comment\n\nclass A\n{\n}\n"), SourceFile.Of("notes.txt", "x")]);

        Assert.Equal(1, metrics.Files);
        Assert.Equal(6, metrics.TotalLines);
        Assert.Equal(3, metrics.CodeLines);
        Assert.Equal(0, metrics.FilesWithSyntaxErrors);
        Assert.Equal(1, metrics.DocCommentCoverage);
    }

    [Fact]
    public void Measure_BrokenCode_CountsFileWithSyntaxErrors()
    {
        var metrics = CodeMetricsCalculator.Measure("public class B { public void M( { }");

        Assert.Equal(1, metrics.FilesWithSyntaxErrors);
    }

    [Fact]
    public void Measure_PropertyAccessorsAndConstructors_AreMethods()
    {
        var metrics = CodeMetricsCalculator.Measure("""
            public class C
            {
                private int _x;
                public C(int x) { if (x < 0) { x = 0; } _x = x; }
                public int X { get => _x; set => _x = value < 0 ? 0 : value; }
            }
            """);

        Assert.Equal(["C..ctor", "C.X.get", "C.X.set"], metrics.Methods.Select(m => m.Name));
        Assert.Equal([2, 1, 2], metrics.Methods.Select(m => m.CyclomaticComplexity));
    }
}
