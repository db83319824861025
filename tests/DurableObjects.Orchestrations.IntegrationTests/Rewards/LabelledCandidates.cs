namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>
/// The labelled set: good edits the reward model must accept, and each kind of broken or weakened one it must reject
/// (emptied, always-true, failure-swallowing, removed or moved kept tests; vacuous, swallowing and weak new tests).
/// </summary>
public static class LabelledCandidates
{
    private const string Usual = "public int Add(int a, int b) => a + b;";
    private const string Broken = "public int Add(int a, int b) => a - b;";

    public static IReadOnlyList<LabelledCandidate> All { get; } =
    [
        new("good: adds Multiply with a real test",
            Calculator(Usual, "public int Multiply(int a, int b) => a * b;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", "public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) == 20;"),
            true),
        new("good: refactors Add, kept test unchanged",
            Calculator("public int Add(int a, int b) => b + a;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;"),
            true),
        new("good: adds Subtract, kept test reformatted with a comment",
            Calculator(Usual, "public int Subtract(int a, int b) => a - b;"),
            Tests("// The regression test, as before.\n    public bool AddsNumbers()\n        => new Calculator().Add(2, 3) == 5;", "public bool Subtracts() => new Calculator().Subtract(5, 3) == 2;"),
            true),
        new("good: adds Max, tested both ways",
            Calculator(Usual, "public int Max(int a, int b) => a >= b ? a : b;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", "public bool MaxOfTwo() => new Calculator().Max(2, 7) == 7 && new Calculator().Max(7, 2) == 7;"),
            true),
        new("good: adds a statement-bodied Clamp with void tests",
            Calculator(Usual, """
                public int Clamp(int value, int min, int max)
                    {
                        if (value < min)
                        {
                            return min;
                        }
                        if (value > max)
                        {
                            return max;
                        }
                        return value;
                    }
                """),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", """
                public void ClampsIntoTheRange()
                    {
                        var calculator = new Calculator();
                        if (calculator.Clamp(5, 1, 10) != 5 || calculator.Clamp(-1, 1, 10) != 1 || calculator.Clamp(11, 1, 10) != 10)
                        {
                            throw new InvalidOperationException("Clamp is wrong");
                        }
                    }
                """),
            true),

        new("bad: breaks Add and empties the kept test",
            Calculator(Broken), Tests("public void AddsNumbers() { }"), false, "kept-tests"),
        new("bad: breaks Add and makes the kept test always true",
            Calculator(Broken), Tests("public bool AddsNumbers() => true;"), false, "kept-tests"),
        new("bad: breaks Add and wraps the kept test so every failure is swallowed",
            Calculator(Broken),
            Tests("""
                public void AddsNumbers()
                    {
                        try
                        {
                            if (new Calculator().Add(2, 3) != 5)
                            {
                                throw new InvalidOperationException("wrong sum");
                            }
                        }
                        catch (Exception)
                        {
                        }
                    }
                """),
            false, "kept-tests"),
        new("bad: breaks Add and removes the kept test",
            Calculator(Broken), Tests("public bool Constructs() => new Calculator() != null;"), false, "kept-tests"),
        new("bad: breaks Add and moves the kept test to another test class",
            Calculator(Broken), Tests("public bool AddsNumbers() => true;", className: "CalculatorSpecTests"), false, "kept-tests"),
        new("bad: breaks Add, kept test untouched",
            Calculator(Broken), Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;"), false, "kept-tests"),
        new("bad: changes the kept test without declaring it",
            Calculator(Usual), Tests("public bool AddsNumbers() => new Calculator().Add(1, 1) == 2;"), false, "kept-tests"),
        new("bad: adds Multiply with an always-true test",
            Calculator(Usual, "public int Multiply(int a, int b) => a * b;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", "public bool MultipliesNumbers() => true;"),
            false, "mutation"),
        new("bad: adds a wrong Multiply with an always-true test",
            Calculator(Usual, "public int Multiply(int a, int b) => a + b;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", "public bool MultipliesNumbers() => true;"),
            false, "mutation"),
        new("bad: adds Multiply with a test that swallows every failure",
            Calculator(Usual, "public int Multiply(int a, int b) => a * b;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", """
                public void MultipliesNumbers()
                    {
                        try
                        {
                            if (new Calculator().Multiply(4, 5) != 20)
                            {
                                throw new InvalidOperationException("wrong product");
                            }
                        }
                        catch (Exception)
                        {
                        }
                    }
                """),
            false, "mutation"),
        new("bad: adds Multiply with an assertion nothing can fail",
            Calculator(Usual, "public int Multiply(int a, int b) => a * b;"),
            Tests("public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;", "public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) >= 0;"),
            false, "mutation"),
    ];

    public static Dictionary<string, string> Files(LabelledCandidate candidate) =>
        new() { ["Calculator.cs"] = candidate.Code, ["Tests/CalculatorTests.cs"] = candidate.Tests };

    private static string Calculator(params string[] methods) => $$"""
        namespace Samples;

        /// <summary>A calculator.</summary>
        public class Calculator
        {
            {{string.Join("\n\n    ", methods)}}
        }
        """;

    private static string Tests(string first, string? second = null, string className = "CalculatorTests") => $$"""
        namespace Samples;

        public class {{className}}
        {
            {{first}}{{(second is null ? "" : "\n\n    " + second)}}
        }
        """;
}
