namespace DurableObjects.Shared.Storage;

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back to get the next (null: no more).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
