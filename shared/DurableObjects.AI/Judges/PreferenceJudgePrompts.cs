using System.Globalization;
using DurableObjects.AI.Metrics;

namespace DurableObjects.AI.Judges;

/// <summary>Prompts of the <see cref="PreferenceJudge"/>, which produces a <see cref="Schemas.PreferenceEvaluation"/>.</summary>
internal static class PreferenceJudgePrompts
{
    public const string Task = """
        You are a senior C# reviewer judging a candidate version of a small C# class (a "durable object") the way an
        experienced human maintainer would prefer it. Score each dimension from 0 to 1:
        - readability: naming, structure, clarity of control flow;
        - maintainability: small focused methods, low complexity, no duplication, easy to change;
        - elegance: idiomatic modern C#, simple solutions, no needless ceremony;
        - documentation: XML doc comments on public members, comments explaining why.
        overallScore weighs all four; below 0.6 means a maintainer would ask for changes.
        Use the measured metrics: cyclomatic complexity above 10 or methods longer than 40 lines lower maintainability;
        doc-comment coverage below 0.8 lowers documentation. List concrete issues and actionable recommendations.
        """;

    public static string Facts(CodeMetrics metrics) => string.Create(CultureInfo.InvariantCulture, $"""
        - files: {metrics.Files}, lines: {metrics.TotalLines} (code lines {metrics.CodeLines}), files with syntax errors: {metrics.FilesWithSyntaxErrors}
        - methods: {metrics.Methods.Count}; cyclomatic complexity max {metrics.MaxCyclomaticComplexity}, mean {metrics.MeanCyclomaticComplexity}
        - method length in lines: max {metrics.MaxMethodLines}, mean {metrics.MeanMethodLines}
        - public members: {metrics.PublicMembers}, documented: {metrics.DocumentedPublicMembers} (coverage {metrics.DocCommentCoverage:0.00})
        """);
}
