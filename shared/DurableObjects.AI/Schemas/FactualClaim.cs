namespace DurableObjects.AI.Schemas;

/// <summary>A factual claim made by the code or its comments (an algorithm, a formula, a domain fact).</summary>
public sealed record FactualClaim
{
    /// <summary>The claim.</summary>
    public required string Claim { get; init; }

    /// <summary>Whether it is correct.</summary>
    public required bool Verified { get; init; }

    /// <summary>Why.</summary>
    public required string Rationale { get; init; }
}
