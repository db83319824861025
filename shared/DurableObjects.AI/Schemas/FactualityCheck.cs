using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace DurableObjects.AI.Schemas;

/// <summary>The factuality verifier's structured answer.</summary>
[Description("Factual claims in the candidate (algorithms, maths, domain facts, comments), each verified")]
public sealed record FactualityCheck : IValidatable
{
    /// <summary>The claims and their verdicts.</summary>
    public required IReadOnlyList<FactualClaim> Claims { get; init; }

    /// <summary>Overall score 0–1 (1 = everything correct).</summary>
    [Range(0.0, 1.0)]
    public required double Score { get; init; }

    /// <summary>Summary of the judgement.</summary>
    public required string Rationale { get; init; }

    /// <summary>Problems found.</summary>
    public required IReadOnlyList<string> Issues { get; init; }

    /// <summary>Concrete fixes.</summary>
    public required IReadOnlyList<string> Recommendations { get; init; }

    /// <summary>Optional checks that ground claims by execution in the sandbox; may be empty.</summary>
    public required IReadOnlyList<ExecutableCheck> ExecutableChecks { get; init; }

    /// <inheritdoc />
    public IEnumerable<string> Validate() =>
        Rules.Score(nameof(Score), Score)
            .Concat(Rules.NotBlank(nameof(Rationale), Rationale))
            .Concat(Rules.NoNulls(nameof(Claims), Claims))
            .Concat(Rules.NoNulls(nameof(ExecutableChecks), ExecutableChecks))
            .Concat((Claims ?? []).OfType<FactualClaim>()
                .Where(c => string.IsNullOrWhiteSpace(c.Claim))
                .Select(_ => "every item of Claims needs a Claim."));
}
