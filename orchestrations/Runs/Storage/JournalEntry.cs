using DurableObjects.AI.Structured;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>A completed step as the pipeline replays it: its result JSON and the usage of its model calls.</summary>
public sealed record JournalEntry(
    string Step,
    int Sequence,
    int Iteration,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string ResultJson,
    IReadOnlyList<UsageEntry> Usage)
{
    public RunStepView ToView() => new(
        Sequence, Step, Iteration, StartedAt, CompletedAt, ResultJson,
        Usage.Sum(u => u.InputTokens), Usage.Sum(u => u.OutputTokens), Usage.Sum(u => u.EstimatedCost), Usage.Count);
}
