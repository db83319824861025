namespace DurableObjects.Orchestrations.Runs;

/// <summary>One completed, journaled step of a run, with its result as JSON (as stored in the journal).</summary>
[GenerateSerializer, Immutable]
public sealed record RunStepView(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Name,
    [property: Id(2)] int Iteration,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset CompletedAt,
    [property: Id(5)] string ResultJson,
    [property: Id(6)] long InputTokens,
    [property: Id(7)] long OutputTokens,
    [property: Id(8)] decimal EstimatedCost,
    [property: Id(9)] int ModelCalls);
