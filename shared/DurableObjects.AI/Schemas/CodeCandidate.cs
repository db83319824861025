using System.ComponentModel;

namespace DurableObjects.AI.Schemas;

/// <summary>
/// A generated candidate version: the complete set of source files, the tests written for the request, and the
/// generator's own account of it. Validation checks shape only (non-empty, safe relative <c>.cs</c> paths, no
/// duplicates); whether the code compiles, obeys the sandbox policy and passes its tests is decided by the
/// verifiable gates, never by this record.
/// </summary>
[Description("A candidate version of a C# durable object: complete files plus tests")]
public sealed record CodeCandidate : IValidatable
{
    /// <summary>Every source file of the new version, complete (not diffs).</summary>
    [Description("Every source file of the new version with complete content (not a diff)")]
    public required IReadOnlyList<SourceFile> Files { get; init; }

    /// <summary>What changed.</summary>
    public required string Summary { get; init; }

    /// <summary>How the change was implemented.</summary>
    public required string Approach { get; init; }

    /// <summary>Known risks or limitations.</summary>
    public required IReadOnlyList<string> Risks { get; init; }

    /// <summary>
    /// The test file(s): exactly one public class named <c>&lt;ClassName&gt;Tests</c> whose public parameterless
    /// methods returning bool or void are the tests (the Sandbox runner's convention; no test framework). Existing tests
    /// plus those for this request; kept as regression tests with the version.
    /// </summary>
    [Description("The test class file, e.g. Tests/CounterTests.cs: one public class <ClassName>Tests whose public parameterless bool or void methods are tests; keep existing tests and add new ones")]
    public required IReadOnlyList<SourceFile> Tests { get; init; }

    /// <summary>The source files as a path → content map (tests excluded). Paths are unique once validated.</summary>
    public IReadOnlyDictionary<string, string> FileMap() =>
        Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

    /// <summary>The test files as a path → content map.</summary>
    public IReadOnlyDictionary<string, string> TestMap() =>
        Tests.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<string> Validate() =>
        SourceFileRules.Validate(nameof(Files), Files, requireAtLeastOne: true)
            .Concat(SourceFileRules.Validate(nameof(Tests), Tests, requireAtLeastOne: true))
            .Concat(SourceFileRules.Duplicates((Files ?? []).Concat(Tests ?? [])))
            .Concat(TestClassRules.Validate(Files ?? [], Tests ?? []))
            .Concat(Rules.NotBlank(nameof(Summary), Summary))
            .Concat(Rules.NotBlank(nameof(Approach), Approach));
}
