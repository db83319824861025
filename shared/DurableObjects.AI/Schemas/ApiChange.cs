using System.ComponentModel;

namespace DurableObjects.AI.Schemas;

/// <summary>A change to the object's public API that the plan intends.</summary>
public sealed record ApiChange
{
    /// <summary>Method name.</summary>
    [Description("Name of the public method")]
    public required string Method { get; init; }

    /// <summary>Kind of change.</summary>
    public required ApiChangeKind Kind { get; init; }

    /// <summary>What changes and why.</summary>
    public required string Description { get; init; }
}
