using DurableObjects.AI.Structured;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>A recorded step: its result JSON (typed by the step's name) and the usage of its model calls.</summary>
public sealed record RunStepRecord(
    string Step,
    int Iteration,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string ResultJson,
    IReadOnlyList<UsageEntry> Usage);
