using System.Text.RegularExpressions;
using DurableObjects.AI.Schemas;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>Supplied code (manual modification) as a candidate: files declaring a public *Tests class are its tests.</summary>
public static partial class ManualCandidate
{
    [GeneratedRegex(@"public\s+(sealed\s+|static\s+)*class\s+\w+Tests\b", RegexOptions.CultureInvariant)]
    private static partial Regex TestClass();

    public static CodeCandidate From(IReadOnlyDictionary<string, string> files, string? summary)
    {
        var all = files.Select(f => SourceFile.Of(f.Key, f.Value)).ToList();
        return new CodeCandidate
        {
            Files = all.Where(f => !TestClass().IsMatch(f.Content)).ToList(),
            Tests = all.Where(f => TestClass().IsMatch(f.Content)).ToList(),
            Summary = string.IsNullOrWhiteSpace(summary) ? "Manual change" : summary,
            Approach = "Code supplied by the requester.",
            Risks = [],
        };
    }

    /// <summary>The plan of a manual change: no API break declared, preference judged (when a model is configured).</summary>
    public static CodePlan Plan(string? summary) => new()
    {
        Summary = string.IsNullOrWhiteSpace(summary) ? "Manual change" : summary,
        Steps = ["Apply the supplied code."],
        FilesToChange = [],
        ChecksNeeded = [CheckKind.Preference],
        ApiChanges = [],
        BreakingChanges = [],
    };
}
