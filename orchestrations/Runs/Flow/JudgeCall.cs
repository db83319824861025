using DurableObjects.AI.Schemas;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>One LLM judge of one iteration's candidate.</summary>
public sealed record JudgeCall(string RunId, int Iteration, CheckKind Kind);
