using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace DurableObjects.AI.Schemas;

/// <summary>The preference judge's structured answer; every score is 0–1.</summary>
[Description("Human-preference evaluation of C# code; every score between 0 and 1")]
public sealed record PreferenceEvaluation : IValidatable
{
    /// <summary>Readability 0–1.</summary>
    [Range(0.0, 1.0)]
    public required double Readability { get; init; }

    /// <summary>Maintainability 0–1.</summary>
    [Range(0.0, 1.0)]
    public required double Maintainability { get; init; }

    /// <summary>Elegance 0–1.</summary>
    [Range(0.0, 1.0)]
    public required double Elegance { get; init; }

    /// <summary>Documentation 0–1.</summary>
    [Range(0.0, 1.0)]
    public required double Documentation { get; init; }

    /// <summary>Overall score 0–1.</summary>
    [Range(0.0, 1.0)]
    public required double OverallScore { get; init; }

    /// <summary>Why.</summary>
    public required string Rationale { get; init; }

    /// <summary>Problems found.</summary>
    public required IReadOnlyList<string> Issues { get; init; }

    /// <summary>Concrete improvements.</summary>
    public required IReadOnlyList<string> Recommendations { get; init; }

    /// <inheritdoc />
    public IEnumerable<string> Validate() =>
        Rules.Score(nameof(Readability), Readability)
            .Concat(Rules.Score(nameof(Maintainability), Maintainability))
            .Concat(Rules.Score(nameof(Elegance), Elegance))
            .Concat(Rules.Score(nameof(Documentation), Documentation))
            .Concat(Rules.Score(nameof(OverallScore), OverallScore))
            .Concat(Rules.NotBlank(nameof(Rationale), Rationale));
}
