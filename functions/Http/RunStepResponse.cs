namespace DurableObjects.Functions.Http;

/// <summary>One recorded step with its duration and model usage (also the payload of a <c>step</c> event).</summary>
public sealed record RunStepResponse(
    int Sequence, string Name, int Iteration, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, double DurationMs,
    long InputTokens, long OutputTokens, int ModelCalls);
