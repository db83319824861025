using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace DurableObjects.AI.Schemas;

/// <summary>The constraint checker's structured answer.</summary>
[Description("Constraints extracted from the request, original code and API schema, each checked against the candidate")]
public sealed record ConstraintCheck : IValidatable
{
    /// <summary>The constraints found and their verdicts.</summary>
    public required IReadOnlyList<ConstraintItem> Constraints { get; init; }

    /// <summary>Overall score 0–1 (1 = every constraint satisfied).</summary>
    [Range(0.0, 1.0)]
    public required double Score { get; init; }

    /// <summary>Summary of the judgement.</summary>
    public required string Rationale { get; init; }

    /// <summary>Problems found.</summary>
    public required IReadOnlyList<string> Issues { get; init; }

    /// <summary>Concrete fixes.</summary>
    public required IReadOnlyList<string> Recommendations { get; init; }

    /// <inheritdoc />
    public IEnumerable<string> Validate() =>
        Rules.Score(nameof(Score), Score)
            .Concat(Rules.NotBlank(nameof(Rationale), Rationale))
            .Concat(Rules.NoNulls(nameof(Constraints), Constraints))
            .Concat((Constraints ?? []).OfType<ConstraintItem>()
                .Where(c => string.IsNullOrWhiteSpace(c.Constraint) || string.IsNullOrWhiteSpace(c.Rationale))
                .Select(_ => "every item of Constraints needs Constraint and Rationale."));
}
