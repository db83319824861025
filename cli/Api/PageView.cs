namespace DurableObjects.Cli.Api;

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back for the next (null: the last page).</summary>
public sealed record PageView<T>(List<T> Items, string? ContinuationToken);
