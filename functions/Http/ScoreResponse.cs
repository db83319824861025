using DurableObjects.AI.Schemas;

namespace DurableObjects.Functions.Http;

/// <summary>A judge's verdict against its threshold.</summary>
public sealed record ScoreResponse(
    string Name, CheckKind Kind, double Score, string Rationale, IReadOnlyList<string> Issues, IReadOnlyList<string> Recommendations,
    IReadOnlyList<string> Details, string Model, long InputTokens, long OutputTokens, string? Error, double Threshold, bool MeetsThreshold);
