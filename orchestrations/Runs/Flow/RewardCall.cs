using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Evaluation;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>The fan-in: every gate's and judge's result for one iteration, to decide on.</summary>
public sealed record RewardCall(
    string RunId,
    int Iteration,
    IReadOnlyList<GateReport> Gates,
    IReadOnlyList<JudgeOutcome> Judges,
    IReadOnlyList<CheckKind> Checks,
    RewardThresholds Thresholds,
    bool JudgesSkippedForGates);
