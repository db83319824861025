namespace DurableObjects.Functions.Http;

/// <summary>What a run's model calls cost, summed over its steps.</summary>
public sealed record RunUsageResponse(long InputTokens, long OutputTokens, decimal EstimatedCost, int ModelCalls);
