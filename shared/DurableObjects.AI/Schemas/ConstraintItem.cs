namespace DurableObjects.AI.Schemas;

/// <summary>One constraint extracted from the request, the original code or the API schema, and whether it holds.</summary>
public sealed record ConstraintItem
{
    /// <summary>The constraint, stated plainly.</summary>
    public required string Constraint { get; init; }

    /// <summary>Where it comes from: request, original code or API schema.</summary>
    public required string Source { get; init; }

    /// <summary>Whether the candidate satisfies it.</summary>
    public required bool Satisfied { get; init; }

    /// <summary>Why.</summary>
    public required string Rationale { get; init; }
}
