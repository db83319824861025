namespace DurableObjects.AI.Metrics;

/// <summary>Metrics of one method, constructor, accessor or operator.</summary>
/// <param name="Name">Containing type and member, e.g. <c>Counter.Increment</c>.</param>
/// <param name="CyclomaticComplexity">1 + decision points.</param>
/// <param name="Lines">Lines from signature to closing brace (doc comments excluded).</param>
public sealed record MethodMetrics(string Name, int CyclomaticComplexity, int Lines);
