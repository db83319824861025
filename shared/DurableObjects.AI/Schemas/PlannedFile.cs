namespace DurableObjects.AI.Schemas;

/// <summary>A file the creation plan intends to write.</summary>
public sealed record PlannedFile
{
    /// <summary>Relative <c>.cs</c> path.</summary>
    public required string Path { get; init; }

    /// <summary>What the file holds.</summary>
    public required string Purpose { get; init; }
}
