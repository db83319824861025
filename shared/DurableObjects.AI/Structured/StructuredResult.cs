namespace DurableObjects.AI.Structured;

/// <summary>
/// A validated structured answer with what it cost. This is what a pipeline step returns and the orchestration
/// journals: the value plus the usage of every attempt.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Value">The parsed, validated value.</param>
/// <param name="Attempts">How many model calls it took (1 = valid first time).</param>
/// <param name="Usage">Usage of each attempt.</param>
public sealed record StructuredResult<T>(T Value, int Attempts, IReadOnlyList<UsageEntry> Usage)
    where T : class
{
    /// <summary>Input tokens over all attempts.</summary>
    public long InputTokens => Usage.Sum(u => u.InputTokens);

    /// <summary>Output tokens over all attempts.</summary>
    public long OutputTokens => Usage.Sum(u => u.OutputTokens);

    /// <summary>Estimated cost over all attempts.</summary>
    public decimal EstimatedCost => Usage.Sum(u => u.EstimatedCost);

    /// <summary>The model of the last attempt.</summary>
    public string Model => Usage.Count == 0 ? "unknown" : Usage[^1].Model;
}
