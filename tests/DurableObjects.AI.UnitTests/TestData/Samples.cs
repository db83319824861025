using DurableObjects.AI.Contracts;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.UnitTests.TestData;

/// <summary>Valid sample records and code used across tests.</summary>
internal static class Samples
{
    public const string CounterCode = """
        namespace Objects;

        /// <summary>A counter.</summary>
        public sealed class Counter
        {
            private int _value;

            /// <summary>Adds one.</summary>
            public int Increment() => ++_value;
        }
        """;

    public static IReadOnlyList<SourceFile> CounterFiles => [SourceFile.Of("Counter.cs", CounterCode)];

    public static ApiSchema CounterApi => new()
    {
        ClassName = "Counter",
        Methods = [new ApiMethod { Name = "Increment", ReturnType = "int", Parameters = [] }],
    };

    public static CodePlan Plan(params CheckKind[] checks) => new()
    {
        Summary = "Add a Reset method.",
        Steps = ["Add Reset that sets the value to zero", "Test it"],
        FilesToChange = ["Counter.cs"],
        ChecksNeeded = checks,
        ApiChanges = [new ApiChange { Method = "Reset", Kind = ApiChangeKind.Add, Description = "New method" }],
        BreakingChanges = [],
    };

    public static CodeCandidate Candidate(string code = CounterCode) => new()
    {
        Files = [SourceFile.Of("Counter.cs", code)],
        Summary = "Adds Reset.",
        Approach = "A field assignment.",
        Risks = [],
        Tests = [SourceFile.Of("Tests/CounterTests.cs", "public class CounterTests { }")],
    };

    public static PreferenceEvaluation Preference(double score) => new()
    {
        Readability = score,
        Maintainability = score,
        Elegance = score,
        Documentation = score,
        OverallScore = score,
        Rationale = "Clear and small.",
        Issues = score < 0.6 ? ["Methods are too long"] : [],
        Recommendations = ["Split long methods"],
    };

    public static ConstraintCheck Constraint(double score) => new()
    {
        Constraints = [new ConstraintItem { Constraint = "Keep Increment", Source = "api", Satisfied = score >= 0.7, Rationale = "Present" }],
        Score = score,
        Rationale = "Constraints checked.",
        Issues = score < 0.7 ? ["Increment no longer returns the new value"] : [],
        Recommendations = score < 0.7 ? ["Return the incremented value"] : [],
    };

    public static FactualityCheck Factuality(double score) => new()
    {
        Claims = [new FactualClaim { Claim = "Reset sets zero", Verified = score >= 0.8, Rationale = "By inspection" }],
        Score = score,
        Rationale = "Claims checked.",
        Issues = [],
        Recommendations = [],
        ExecutableChecks = [],
    };

    public static JudgeInput Input(CodeCandidate? candidate = null) => new()
    {
        Request = "Add a Reset method that sets the counter to zero.",
        OriginalFiles = CounterFiles,
        Candidate = candidate ?? Candidate(),
        CurrentApi = CounterApi,
    };

    public static IReadOnlyList<GateResult> PassingGates =>
    [
        GateResult.Pass("compile"),
        GateResult.Pass("policy"),
        GateResult.Pass("api-contract"),
        GateResult.Pass("tests", "3 of 3 tests passed"),
    ];

    public static JudgeVerdict Verdict(CheckKind kind, double score) => new()
    {
        Name = kind.ToString().ToLowerInvariant(),
        Kind = kind,
        Score = score,
        Rationale = $"{kind} rationale",
        Issues = [$"{kind} issue"],
        Recommendations = [$"{kind} recommendation"],
    };
}
