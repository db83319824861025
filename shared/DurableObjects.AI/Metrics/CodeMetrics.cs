namespace DurableObjects.AI.Metrics;

/// <summary>
/// Measured metrics of a set of C# files, computed from Roslyn syntax only (nothing is compiled or run). Given to the
/// preference judge so its opinion is anchored in numbers.
/// </summary>
public sealed record CodeMetrics
{
    /// <summary>Number of files measured.</summary>
    public required int Files { get; init; }

    /// <summary>Total lines.</summary>
    public required int TotalLines { get; init; }

    /// <summary>Lines that are neither blank nor comment-only.</summary>
    public required int CodeLines { get; init; }

    /// <summary>Methods (and constructors, accessors, operators) with bodies.</summary>
    public required IReadOnlyList<MethodMetrics> Methods { get; init; }

    /// <summary>Highest cyclomatic complexity (0 without methods).</summary>
    public int MaxCyclomaticComplexity => Methods.Count == 0 ? 0 : Methods.Max(m => m.CyclomaticComplexity);

    /// <summary>Mean cyclomatic complexity (0 without methods).</summary>
    public double MeanCyclomaticComplexity => Methods.Count == 0 ? 0 : Math.Round(Methods.Average(m => m.CyclomaticComplexity), 2);

    /// <summary>Longest method in lines.</summary>
    public int MaxMethodLines => Methods.Count == 0 ? 0 : Methods.Max(m => m.Lines);

    /// <summary>Mean method length in lines.</summary>
    public double MeanMethodLines => Methods.Count == 0 ? 0 : Math.Round(Methods.Average(m => m.Lines), 2);

    /// <summary>Public types and members.</summary>
    public required int PublicMembers { get; init; }

    /// <summary>Public types and members with an XML doc comment.</summary>
    public required int DocumentedPublicMembers { get; init; }

    /// <summary>Doc-comment coverage of public members, 0–1 (1 when there are none).</summary>
    public double DocCommentCoverage => PublicMembers == 0 ? 1 : Math.Round((double)DocumentedPublicMembers / PublicMembers, 4);

    /// <summary>Files that did not parse cleanly.</summary>
    public required int FilesWithSyntaxErrors { get; init; }
}
