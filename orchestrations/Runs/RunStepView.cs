namespace DurableObjects.Orchestrations.Runs;

/// <summary>One completed step of a run: when it ran and what its model calls cost.</summary>
public sealed record RunStepView(
    int Sequence,
    string Name,
    int Iteration,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    long InputTokens,
    long OutputTokens,
    decimal EstimatedCost,
    int ModelCalls);
