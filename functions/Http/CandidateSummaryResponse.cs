namespace DurableObjects.Functions.Http;

/// <summary>A candidate as readers see it: what it does and which files it has (the code is in the version, once committed).</summary>
public sealed record CandidateSummaryResponse(string Summary, string Approach, IReadOnlyList<string> Risks, IReadOnlyList<string> Files, IReadOnlyList<string> Tests);
