using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// One LLM judge's verdict. The score comes from an untrusted model reading untrusted code, which is why it can only
/// ever lower acceptance: it never overrides a failed gate.
/// </summary>
public sealed record JudgeVerdict
{
    /// <summary>Judge name, e.g. <c>preference</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Which check this verdict answers.</summary>
    public required CheckKind Kind { get; init; }

    /// <summary>Score 0–1.</summary>
    public required double Score { get; init; }

    /// <summary>The judge's rationale.</summary>
    public required string Rationale { get; init; }

    /// <summary>Problems found.</summary>
    public IReadOnlyList<string> Issues { get; init; } = [];

    /// <summary>Concrete fixes.</summary>
    public IReadOnlyList<string> Recommendations { get; init; } = [];

    /// <summary>Structured detail lines (sub-scores, each constraint or claim) for display.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>Model that produced the verdict.</summary>
    public string Model { get; init; } = "unknown";

    /// <summary>Input tokens spent (all attempts).</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens spent (all attempts).</summary>
    public long OutputTokens { get; init; }

    /// <summary>Set when the judge could not produce a valid answer; such a verdict scores 0 and rejects.</summary>
    public string? Error { get; init; }
}
