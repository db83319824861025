using System.ComponentModel;

namespace DurableObjects.AI.Schemas;

/// <summary>
/// The planner's answer for a modification: what to do, which judges to route to, and the intended API changes.
/// Produced by an untrusted model; validated by <see cref="Validate"/> before use, and the declared breaking
/// changes only relax the API-contract gate for the methods they name.
/// </summary>
[Description("A plan for modifying a C# durable object")]
public sealed record CodePlan : IValidatable
{
    /// <summary>One-paragraph summary of the change.</summary>
    public required string Summary { get; init; }

    /// <summary>Ordered implementation steps.</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    /// <summary>Relative paths of files to change or add.</summary>
    public required IReadOnlyList<string> FilesToChange { get; init; }

    /// <summary>Judges to route to. Preference is always added by <see cref="RoutedChecks"/>.</summary>
    [Description("Judges needed: Preference always; Constraint when the request, original code or API impose constraints; Factuality when algorithms, maths or domain facts are involved")]
    public required IReadOnlyList<CheckKind> ChecksNeeded { get; init; }

    /// <summary>Intended public API changes (additions included).</summary>
    public required IReadOnlyList<ApiChange> ApiChanges { get; init; }

    /// <summary>Breaking changes declared on purpose; empty when the API contract must be kept.</summary>
    public required IReadOnlyList<BreakingChangeDeclaration> BreakingChanges { get; init; }

    /// <summary>
    /// Kept tests the change alters or removes on purpose (an intended behaviour or API change); empty when every
    /// existing test must pass unchanged. A declared change makes the run wait for a person's approval.
    /// </summary>
    [Description("Existing test methods that must change or go because the request changes the behaviour or API they check; usually empty")]
    public IReadOnlyList<TestChangeDeclaration> TestChanges { get; init; } = [];

    /// <summary>The judges the reward model runs: <see cref="ChecksNeeded"/> plus preference, without duplicates.</summary>
    public IReadOnlySet<CheckKind> RoutedChecks() => new HashSet<CheckKind>(ChecksNeeded ?? []) { CheckKind.Preference };

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        var errors = Rules.NotBlank(nameof(Summary), Summary)
            .Concat(Rules.NotEmpty(nameof(Steps), Steps))
            .Concat(Rules.NoNulls(nameof(ApiChanges), ApiChanges))
            .Concat(Rules.NoNulls(nameof(BreakingChanges), BreakingChanges));
        if (Steps is not null && Steps.Any(string.IsNullOrWhiteSpace))
        {
            errors = errors.Append("Steps must not contain empty items.");
        }

        var badPaths = (FilesToChange ?? []).Select(SourcePaths.Problem).OfType<string>().Select(p => $"FilesToChange: {p}.");
        var badBreaks = (BreakingChanges ?? []).OfType<BreakingChangeDeclaration>()
            .Where(b => string.IsNullOrWhiteSpace(b.Method) || string.IsNullOrWhiteSpace(b.Reason))
            .Select(_ => "BreakingChanges items need both Method and Reason.");
        var badTests = (TestChanges ?? []).Where(t => t is null || string.IsNullOrWhiteSpace(t.Test) || string.IsNullOrWhiteSpace(t.Reason))
            .Select(_ => "TestChanges items need both Test and Reason.");
        return errors.Concat(badPaths).Concat(badBreaks).Concat(badTests);
    }
}
