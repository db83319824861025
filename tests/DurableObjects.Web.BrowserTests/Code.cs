namespace DurableObjects.Web.BrowserTests;

/// <summary>The C# the walk-throughs type into the browser, and the answers the scripted models give.</summary>
public static class Code
{
    public const string CalculatorV1 = """
        namespace Samples;

        /// <summary>Adds numbers.</summary>
        public class Calculator
        {
            /// <summary>The sum of two numbers.</summary>
            public int Add(int a, int b) => a + b;
        }
        """;

    public const string CalculatorV2 = """
        namespace Samples;

        /// <summary>Adds and multiplies numbers.</summary>
        public class Calculator
        {
            /// <summary>The sum of two numbers.</summary>
            public int Add(int a, int b) => a + b;

            /// <summary>The product of two numbers.</summary>
            public int Multiply(int a, int b) => a * b;
        }
        """;

    public const string TestsV1 = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;
        }
        """;

    public const string TestsV2 = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;

            public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) == 20;
        }
        """;

    /// <summary>Wrong maths: its own test fails in the sandbox, so the run is rejected.</summary>
    public const string CalculatorWrong = """
        namespace Samples;

        /// <summary>Adds and multiplies numbers.</summary>
        public class Calculator
        {
            /// <summary>The sum of two numbers.</summary>
            public int Add(int a, int b) => a + b;

            /// <summary>The product of two numbers.</summary>
            public int Multiply(int a, int b) => a + b;
        }
        """;

    public const string Greeter = """
        namespace Samples;

        /// <summary>Greets people.</summary>
        public class Greeter
        {
            /// <summary>A greeting for a name.</summary>
            public string Greet(string name) => $"Hello, {name}!";
        }
        """;

    public const string GreeterTests = """
        namespace Samples;

        public class GreeterTests
        {
            public bool GreetsByName() => new Greeter().Greet("Ada") == "Hello, Ada!";
        }
        """;

    public static Dictionary<string, string> CalculatorFiles() => new() { ["Calculator.cs"] = CalculatorV1, ["Tests/CalculatorTests.cs"] = TestsV1 };

    public static object ModificationPlan() => new
    {
        summary = "Add a Multiply method.",
        steps = new[] { "Add Multiply(a, b)", "Test it" },
        filesToChange = new[] { "Calculator.cs" },
        checksNeeded = new[] { "Preference" },
        apiChanges = new[] { new { method = "Multiply", kind = "Add", description = "new method" } },
        breakingChanges = Array.Empty<object>(),
    };

    public static object Candidate(string code, string tests, string summary) => new
    {
        files = new[] { new { path = "Calculator.cs", content = code } },
        summary,
        approach = "A one-line method.",
        risks = Array.Empty<string>(),
        tests = new[] { new { path = "Tests/CalculatorTests.cs", content = tests } },
    };

    public static object CreationPlan() => new
    {
        summary = "A greeter.",
        files = new[] { new { path = "Greeter.cs", purpose = "the object" } },
        api = new
        {
            className = "Greeter",
            methods = new[] { new { name = "Greet", returnType = "string", parameters = new[] { new { name = "name", type = "string", optional = false } } } },
        },
        approach = "String interpolation.",
        checksNeeded = new[] { "Preference" },
    };

    public static object GreeterCandidate() => new
    {
        files = new[] { new { path = "Greeter.cs", content = Greeter } },
        summary = "A greeter.",
        approach = "String interpolation.",
        risks = Array.Empty<string>(),
        tests = new[] { new { path = "Tests/GreeterTests.cs", content = GreeterTests } },
    };

    public static object Preference(double score, string issue = "none") => new
    {
        readability = score,
        maintainability = score,
        elegance = score,
        documentation = score,
        overallScore = score,
        rationale = $"Scored {score}.",
        issues = score < 0.6 ? new[] { issue } : Array.Empty<string>(),
        recommendations = score < 0.6 ? new[] { "Fix: " + issue } : Array.Empty<string>(),
    };
}
